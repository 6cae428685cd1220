-- One session by id (the running browser tab holds the id in its server-side state).
-- Params: id.
select id, username, created_at, last_seen_at, revoked_at, lang from web_sessions where id = ?;

-- The session a cookie's token points to (by the token's SHA-256).
-- Params: token_hash.
select id, username, created_at, last_seen_at, revoked_at, lang from web_sessions where token_hash = ?;

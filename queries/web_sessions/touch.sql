-- Record activity on a session (throttled by the caller to once a minute).
-- Params: last_seen_at, id.
update web_sessions set last_seen_at = ? where id = ? and revoked_at is null;

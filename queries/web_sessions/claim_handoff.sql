-- Spend a one-time hand-off code: the session gets its cookie token; the code can never be used again.
-- Params: token_hash, handoff_hash, now.
update web_sessions
set token_hash = $1, handoff_hash = null, handoff_expires_at = null
where handoff_hash = $2 and handoff_expires_at > $3 and revoked_at is null and token_hash is null
returning id, username;

-- End every session of an account (password changed, account disabled).
-- Params: revoked_at, revoked_why, username.
update web_sessions set revoked_at = ?, revoked_why = ?, handoff_hash = null
where username = ? and revoked_at is null;

-- End one session (sign-out, idle timeout).
-- Params: revoked_at, revoked_why, id.
update web_sessions set revoked_at = ?, revoked_why = ?, handoff_hash = null where id = ? and revoked_at is null;

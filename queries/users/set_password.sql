-- Store a new password hash and clear any lock.
-- Params: password_hash, username.
update users set password_hash = ?, failed_count = 0, locked_until = null where username = ?;

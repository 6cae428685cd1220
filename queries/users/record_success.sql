-- A successful sign-in clears the failure count.
-- Params: username.
update users set failed_count = 0, locked_until = null, last_login_at = current_timestamp where username = ?;

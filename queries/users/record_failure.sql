-- Count a failed sign-in and lock the account until a time when the limit is reached.
-- Params: locked_until (null = not locked), username.
update users set failed_count = failed_count + 1, locked_until = ? where username = ?;

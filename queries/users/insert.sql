-- Create an account.
-- Params: username, display_name, role, unit, email, password_hash.
insert into users (username, display_name, role, unit, email, password_hash) values (?, ?, ?, ?, ?, ?);

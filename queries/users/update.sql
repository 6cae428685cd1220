-- Change an account's name, role, unit, e-mail and whether it may sign in.
-- Params: display_name, role, unit, email, active, username.
update users set display_name = ?, role = ?, unit = ?, email = ?, active = ? where username = ?;

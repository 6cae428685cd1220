-- One account by user name (case-insensitive), for sign-in and management.
-- Params: username (lower-cased).
select username, display_name, role, unit, email, password_hash, active, failed_count, locked_until, last_login_at
from users
where lower(username) = ?;

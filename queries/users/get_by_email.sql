-- The active account mapped to a single-sign-on e-mail address.
-- Params: email (lower-cased).
select username, display_name, role, unit, email, password_hash, active, failed_count, locked_until, last_login_at
from users
where lower(email) = ? and active;

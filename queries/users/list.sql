-- Every account, for the administrator's list (never the password hash).
-- Params: none.
select username, display_name, role, unit, email, active, failed_count, locked_until, last_login_at, created_at
from users
order by username;

-- Every item of a session not archived (any kind), in register order: the session review's items.
-- Params: session_id.
select id
from items
where session_id = ? and archived_at is null
order by id;

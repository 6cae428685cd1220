-- One item with its session, archived or not.
-- Params: id.
select i.*, s.term, s.number as session_number, s.extraordinary
from items as i
join sessions as s on s.id = i.session_id
where i.id = ?;

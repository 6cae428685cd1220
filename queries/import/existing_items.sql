-- Live items with their session, for the import's duplicate check (incoming number and text).
-- Params: none.
select i.id, i.kind, s.term, s.number as session_number, s.extraordinary, i.ref_no, i.summary
from items as i
join sessions as s on s.id = i.session_id
where i.archived_at is null;

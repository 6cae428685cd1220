-- The texts the matcher indexes: every item not archived, with its session and reply facts.
-- Params: none.
select i.id, i.kind, i.session_id, i.ref_no, i.summary, i.full_text, i.response_summary
from items as i
where i.archived_at is null
order by i.id;

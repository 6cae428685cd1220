-- Archived items, most recently archived first (so they can be found and restored).
-- Params: limit.
select i.id, i.kind, s.term, s.number as session_number, s.extraordinary, i.ref_no, i.received_on, i.summary,
    i.lead_unit, i.archived_at
from items as i
join sessions as s on s.id = i.session_id
where i.archived_at is not null
order by i.archived_at desc, i.id desc
limit ?;

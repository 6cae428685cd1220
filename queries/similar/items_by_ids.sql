-- Items (archived ones too) with their session and reply facts, for suggestions and the chain.
-- Params: a list of ids.
select i.id, i.kind, i.session_id, s.term, s.number as session_number, s.extraordinary, s.opens_on,
    i.ref_no, i.received_on, i.summary, i.sources, i.lead_unit, i.response_no, i.responded_on,
    i.response_summary, i.result, i.roadmap, i.committed_on, i.archived_at, i.version
from items as i
join sessions as s on s.id = i.session_id
where list_contains(?, i.id)
order by s.term, s.number, i.received_on, i.id;

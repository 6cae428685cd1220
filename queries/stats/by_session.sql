-- The four buckets and result categories per session x kind, as of a date.
-- Params (named): as_of, session_id (null = sessions that have items), kind (null = both).
-- One pass over the items, filtered before counting (issue 5: a session's numbers in about the time
-- of a bare aggregate). Zero rows (a kind with nothing yet) come from one empty row per
-- session x kind added to the scan: counted by count(status), they add nothing.
with scoped as (
    select session_id, term, session_number, extraordinary, kind, status, result
    from items_as_of($as_of)
    where ($session_id is null or session_id = $session_id) and ($kind is null or kind = $kind)
    union all
    select s.id, s.term, s.number, s.extraordinary, k.kind, null, null
    from sessions as s
    cross join (values ('voter_recommendation'), ('deputy_question')) as k(kind)
    where ($session_id is null or s.id = $session_id) and ($kind is null or k.kind = $kind)
)
select
    session_id, term, session_number as session, extraordinary, kind,
    count(*) filter (where status <> 'transferred') as total,
    count(*) filter (where status in ('replied_on_time', 'replied_late')) as replied,
    count(*) filter (where status = 'replied_on_time') as replied_on_time,
    count(*) filter (where status = 'replied_late') as replied_late,
    count(*) filter (where status = 'open_not_due') as open_not_due,
    count(*) filter (where status = 'overdue') as overdue,
    count(*) filter (where status = 'transferred') as transferred,
    count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'resolved') as resolved,
    count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'being_resolved') as being_resolved,
    count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'explained') as explained
from scoped
group by session_id, term, session_number, extraordinary, kind
-- All sessions: only those with items (of the kind asked) as of the date.
qualify $session_id is not null or sum(count(status)) over (partition by session_id) > 0
order by term, extraordinary, session, kind desc;

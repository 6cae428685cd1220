-- The four buckets and result categories per session x kind, as of a date.
-- Params (named): as_of, session_id (null = sessions that have items), kind (null = both).
with scoped as (
    select * from items_as_of($as_of) where ($kind is null or kind = $kind)
),
counts as (
    select
        session_id,
        kind,
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
    group by session_id, kind
),
kinds as (
    select * from (values ('voter_recommendation'), ('deputy_question')) as k(kind)
    where $kind is null or kind = $kind
)
select
    s.id as session_id, s.term, s.number as session, s.extraordinary, k.kind,
    coalesce(c.total, 0) as total,
    coalesce(c.replied, 0) as replied,
    coalesce(c.replied_on_time, 0) as replied_on_time,
    coalesce(c.replied_late, 0) as replied_late,
    coalesce(c.open_not_due, 0) as open_not_due,
    coalesce(c.overdue, 0) as overdue,
    coalesce(c.transferred, 0) as transferred,
    coalesce(c.resolved, 0) as resolved,
    coalesce(c.being_resolved, 0) as being_resolved,
    coalesce(c.explained, 0) as explained
from sessions as s
cross join kinds as k
left join counts as c on c.session_id = s.id and c.kind = k.kind
where ($session_id is not null and s.id = $session_id)
    or ($session_id is null and s.id in (select session_id from counts))
order by s.term, s.extraordinary, s.number, k.kind desc;

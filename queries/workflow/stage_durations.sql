-- Per item counted as of a date: the days from assignment to acceptance, to the first draft and to
-- issue, and the review rounds (medians per unit are taken over these rows in tracker/usecases/workflow_read.py).
-- Params (named): as_of, session_id (null = all), kind (null = both).
with m as (
    select
        item_id,
        max(on_date) filter (where kind = 'assigned') as assigned_on,
        min(on_date) filter (where kind = 'accepted') as accepted_on,
        min(on_date) filter (where kind = 'draft_submitted') as drafted_on,
        count(*) filter (where kind = 'sent_back') as rounds,
        count(*) as milestones
    from item_milestones
    where on_date <= $as_of
    group by item_id
)
select
    i.session_id,
    i.kind,
    i.lead_unit as unit,
    datediff('day', coalesce(m.assigned_on, cast(i.created_at as date)), m.accepted_on) as to_accept,
    datediff('day', coalesce(m.assigned_on, cast(i.created_at as date)), m.drafted_on) as to_draft,
    m.rounds,
    case when i.responded_on <= $as_of then datediff('day', coalesce(m.assigned_on, cast(i.created_at as date)), i.responded_on) end as to_issue
from items_as_of($as_of) as i
join m on m.item_id = i.id
where ($session_id is null or i.session_id = $session_id) and ($kind is null or i.kind = $kind);

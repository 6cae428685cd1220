-- "Being resolved" replies counted as of a date, per session x kind x lead unit and the state of
-- their commitment (tracker.usecases.workflow_commitments.commitment_as_of, the same rule).
-- Params (named): as_of, session_id (null = all), kind (null = both).
with done as (
    select item_id, min(on_date) as done_on
    from item_milestones
    where kind = 'commitment_done' and on_date <= $as_of
    group by item_id
)
select
    i.session_id, i.kind, i.lead_unit as unit,
    case
        when d.done_on is not null then
            case when i.committed_on is null or d.done_on <= i.committed_on then 'met' else 'met_late' end
        when i.committed_on is not null and $as_of > i.committed_on then 'overdue'
        else 'pending'
    end as state,
    count(*) as n
from items_as_of($as_of) as i
left join done as d on d.item_id = i.id
where i.status in ('replied_on_time', 'replied_late') and i.result = 'being_resolved'
    and ($session_id is null or i.session_id = $session_id) and ($kind is null or i.kind = $kind)
group by all;

-- The benchmark's floor: the same counts as stats/by_unit, written straight over items in one pass.
-- Params (named): as_of, session_id (null = all). No macro, no join, no ordering.
select
    session_id,
    kind,
    lead_unit as unit,
    count(*) filter (where st <> 't') as total,
    count(*) filter (where st in ('o', 'l')) as replied,
    count(*) filter (where st = 'o') as replied_on_time,
    count(*) filter (where st = 'l') as replied_late,
    count(*) filter (where st = 'n') as open_not_due,
    count(*) filter (where st = 'd') as overdue,
    count(*) filter (where st = 't') as transferred,
    count(*) filter (where st in ('o', 'l') and result = 'resolved') as resolved,
    count(*) filter (where st in ('o', 'l') and result = 'being_resolved') as being_resolved,
    count(*) filter (where st in ('o', 'l') and result = 'explained') as explained
from (
    select
        session_id, kind, lead_unit, result,
        case
            when transferred_on <= $as_of then 't'
            when responded_on <= $as_of then case when responded_on <= due_on then 'o' else 'l' end
            when $as_of > due_on then 'd'
            else 'n'
        end as st
    from items
    where received_on <= $as_of and ($session_id is null or session_id = $session_id)
        -- Counted as items_as_of counts (schema 006): a duplicate entry never, other archives until archived.
        and (archived_at is null or (coalesce(archive_reason, 'other') <> 'duplicate_entry' and cast(archived_at as date) > $as_of))
)
group by session_id, kind, lead_unit;

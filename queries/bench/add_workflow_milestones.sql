-- The benchmark register's reply paths (issue 12): milestones for a realistic spread of stages, dated between receipt and the reply (or today).
-- Params (named): today. Deterministic (a hash of the item id picks its path); transferred, archived and unassigned items get none.
insert into item_milestones (item_id, kind, unit, on_date, body, actor)
with base as (
    select
        id, lead_unit, received_on, responded_on, committed_on, result, cast(hash(id) % 100 as integer) as h,
        coalesce(responded_on, $today) as end_day
    from items
    where transferred_on is null and archived_at is null and lead_unit is not null
),
paths as (
    select
        *,
        case
            when responded_on is not null and h < 20
                then ['accepted', 'draft_submitted', 'sent_back', 'draft_submitted', 'approved', 'signed', 'issued']
            when responded_on is not null and h < 60 then ['accepted', 'draft_submitted', 'approved', 'signed', 'issued']
            when responded_on is not null then []  -- replied the old way, before the steps
            when h < 20 then []  -- awaiting acceptance
            when h < 25 then ['returned']
            when h < 55 then ['accepted']
            when h < 70 then ['accepted', 'draft_submitted']
            when h < 80 then ['accepted', 'draft_submitted', 'sent_back']
            when h < 90 then ['accepted', 'draft_submitted', 'sent_back', 'draft_submitted', 'approved']
            else ['accepted', 'draft_submitted', 'approved', 'signed']
        end as path
    from base
),
steps as (
    select id, lead_unit, received_on, end_day, unnest(path) as kind, generate_subscripts(path, 1) as k, len(path) as m
    from paths
)
select
    id, kind, lead_unit,
    case
        when kind = 'issued' then end_day
        else received_on + cast(floor(datediff('day', received_on, end_day) * k / (m + 1)) as integer)
    end,
    '', 'bench'
from steps
union all
-- A third of the "being resolved" commitments completed, some late, none in the future.
select id, 'commitment_done', lead_unit, greatest(responded_on, committed_on + cast(h % 40 - 25 as integer)), '', 'bench'
from base
where result = 'being_resolved' and committed_on is not null and h % 3 = 0
    and greatest(responded_on, committed_on + cast(h % 40 - 25 as integer)) <= $today;

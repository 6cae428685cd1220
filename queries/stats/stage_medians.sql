-- The median days from assignment (else the item's entry) to acceptance, to the first draft and to issue, and the median review rounds, per session x kind x lead unit, as of a date; null where no item got there.
-- Params (named): as_of, session_id (null = all), kind (null = both). Calendar days; only items with a milestone count.
with m as (
    select
        item_id,
        max(on_date) filter (where kind = 'assigned') as assigned_on,
        min(on_date) filter (where kind = 'accepted') as accepted_on,
        min(on_date) filter (where kind = 'draft_submitted') as drafted_on,
        count(*) filter (where kind = 'sent_back') as rounds
    from item_milestones
    where on_date <= $as_of
    group by item_id
),
durations as (
    select
        i.session_id,
        i.kind,
        i.lead_unit as unit,
        datediff('day', coalesce(m.assigned_on, cast(i.created_at as date)), m.accepted_on) as to_accept,
        datediff('day', coalesce(m.assigned_on, cast(i.created_at as date)), m.drafted_on) as to_draft,
        m.rounds,
        case
            when i.responded_on <= $as_of
                then datediff('day', coalesce(m.assigned_on, cast(i.created_at as date)), i.responded_on)
        end as to_issue
    from items_as_of($as_of) as i
    join m on m.item_id = i.id
    where ($session_id is null or i.session_id = $session_id) and ($kind is null or i.kind = $kind)
)
select
    session_id, kind, unit,
    median(to_accept) as median_days_to_accept,
    median(to_draft) as median_days_to_draft,
    median(to_issue) as median_days_to_issue,
    median(rounds) as median_review_rounds
from durations
group by session_id, kind, unit;

-- One page of the register as of a date, with the number of matching rows on every row.
-- Params (named; null = no filter): as_of, session_id, kind, unit, status, result, topic, due_from, due_to,
--   soon_until, raised_before (true: only items linked as raised again of an earlier one, issue 14), q (folded words), sort (an allow-listed key, tracker/usecases/search_order.py), descending, limit, offset,
--   stages (a list of workflow stages, issue 12), unaccepted (true: only items waiting too long for the lead unit to accept),
--   due_days / internal_q / internal_r (the default internal deadline of each legal due day, per kind: worked out in Python on the calendar),
--   unaccepted_q / unaccepted_r (per kind: assigned before this day and still not accepted is too long).
-- Issue 5: the page is chosen on narrow rows (id and sort keys; counting the matches over wide
-- rows cost 300 ms at 1,000,000 items), then only its rows are read in full. The first four
-- words are plain contains() calls, evaluated vectorised, each only on rows the one before kept
-- (a word past the last is '', which every text contains); a longer search also checks them all.
-- Issue 11: the sort is chosen by a bound key, never by text put into this statement. Each key fills
-- the sort columns k1 (number), k2 (date), k3 (text), k4 (number) or leaves them null, and the outer
-- select orders by the same columns, so the page keeps its order after the wide join.
-- 'urgency': overdue first (longest overdue first), then due soon, then open by deadline, replied and transferred last.
-- Issue 12: the stage comes from the latest flow milestone (as the item_stage macro reads it); the internal
-- deadline is the item's own or its kind's default for its legal due day (a small lookup joined on the day).
-- Reading every item's milestones doubled the statement's time, so the whole list gets them only when a
-- stage or "unaccepted" filter needs them (all_flows is empty otherwise), and the defaults only when the
-- sort is by the internal deadline; the page's own rows get both at the end (page_flows, the same rules).
with all_flows as (
    select item_id, arg_max(kind, id) as last_flow, max(on_date) filter (where kind = 'assigned') as assigned_on
    from item_milestones
    where ($stages is not null or $unaccepted)
        and kind in ('assigned', 'accepted', 'returned', 'draft_submitted', 'sent_back', 'approved', 'signed')
        and on_date <= $as_of
    group by item_id
),
internal_defaults as (
    select unnest($due_days) as due_on, unnest($internal_q) as q, unnest($internal_r) as r
),
sort_defaults as (
    select * from internal_defaults where $sort = 'internal_due'
),
staged as (
    select
        x.*,
        item_stage(x.transferred_on, x.responded_on, x.lead_unit, f.last_flow, $as_of) as stage,
        coalesce(x.internal_due_on, case when x.kind = 'deputy_question' then d.q else d.r end) as internal_due,
        coalesce(f.assigned_on, cast(x.created_at as date)) as assigned_on
    from items_as_of($as_of) as x
    left join all_flows as f on f.item_id = x.id
    left join sort_defaults as d on d.due_on = x.due_on
),
matched as (
    select
        x.id, x.status, x.due_on, x.received_on, x.internal_due,
        case
            when x.status = 'overdue' then 0
            when x.status = 'open_not_due' and x.due_on <= $soon_until then 1
            when x.status = 'open_not_due' then 2
            when x.status = 'replied_late' then 3
            when x.status = 'replied_on_time' then 4
            else 5
        end as urgency,
        s.opens_on as session_opens_on, x.term, x.session_number, x.extraordinary,
        x.kind, x.ref_no, u.sort_order as unit_order
    from staged as x
    join sessions as s on s.id = x.session_id
    left join units as u on u.code = x.lead_unit
    where ($session_id is null or x.session_id = $session_id)
        and ($kind is null or x.kind = $kind)
        and ($unit is null or x.lead_unit = $unit or list_contains(string_split(x.coordinating_units, ';'), $unit))
        and ($status is null
            or x.status = $status
            or ($status = 'replied' and x.status in ('replied_on_time', 'replied_late'))
            or ($status = 'open' and x.status in ('open_not_due', 'overdue'))
            or ($status = 'due_soon' and x.status = 'open_not_due' and x.due_on <= $soon_until))
        and ($result is null or (x.result = $result and x.status in ('replied_on_time', 'replied_late')))
        and ($topic is null or x.topic = $topic)
        and ($due_from is null or x.due_on >= $due_from)
        and ($due_to is null or x.due_on <= $due_to)
        and ($stages is null or list_contains($stages, x.stage))
        and (not $unaccepted
            or (x.stage = 'awaiting_acceptance'
                and x.assigned_on < (case when x.kind = 'deputy_question' then $unaccepted_q else $unaccepted_r end)))
        and (not $raised_before
            or x.id in (select l.item_id from item_links as l where l.kind = 'raised_again' and l.undone_at is null))
        and ($q is null or (
            contains(x.search_text, split_part($q, ' ', 1))
            and contains(x.search_text, split_part($q, ' ', 2))
            and contains(x.search_text, split_part($q, ' ', 3))
            and contains(x.search_text, split_part($q, ' ', 4))
            and (len(string_split($q, ' ')) <= 4
                or list_bool_and([contains(x.search_text, w) for w in string_split($q, ' ')]))))
),
keyed as (
    select
        id, status, due_on, received_on, urgency, internal_due,
        case $sort
            when 'urgency' then (case when urgency <= 2 then urgency else 3 end)
            when 'status' then urgency
            when 'session' then term
            when 'lead_unit' then unit_order
            when 'id' then id
            -- 'internal_due': what the unit must still draft, by its internal deadline; closed items last
            when 'internal_due' then (case when status in ('overdue', 'open_not_due') then 0 else 1 end)
        end as k1,
        case $sort
            when 'urgency' then due_on
            when 'due_on' then due_on
            when 'received_on' then received_on
            when 'session' then coalesce(session_opens_on, date '9999-12-31')
            when 'internal_due' then internal_due
        end as k2,
        case $sort
            when 'kind' then kind
            when 'ref_no' then ref_no
        end as k3,
        case $sort
            when 'session' then (case when extraordinary then 1000 else 0 end) + session_number
            when 'status' then epoch(due_on)
            when 'internal_due' then epoch(due_on)
        end as k4
    from matched
),
page as (
    select
        id, status, due_on, urgency, k1, k2, k3, k4, received_on,
        count(*) over () as matches
    from keyed
    order by
        case when not $descending then k1 end asc,
        case when $descending then k1 end desc,
        case when not $descending then k2 end asc,
        case when $descending then k2 end desc,
        case when not $descending then k3 end asc,
        case when $descending then k3 end desc,
        case when not $descending then k4 end asc,
        case when $descending then k4 end desc,
        received_on desc,
        id desc
    limit $limit offset $offset
),
page_flows as (
    select item_id, arg_max(kind, id) as last_flow, max(on_date) filter (where kind = 'assigned') as assigned_on
    from item_milestones
    where item_id in (select id from page)
        and kind in ('assigned', 'accepted', 'returned', 'draft_submitted', 'sent_back', 'approved', 'signed')
        and on_date <= $as_of
    group by item_id
),
page_path as (
    select
        page.id,
        item_stage(i.transferred_on, i.responded_on, i.lead_unit, pf.last_flow, $as_of) as stage,
        coalesce(i.internal_due_on, case when i.kind = 'deputy_question' then d.q else d.r end) as internal_due,
        coalesce(pf.assigned_on, cast(i.created_at as date)) as assigned_on,
        i.kind
    from page
    join items as i on i.id = page.id
    left join page_flows as pf on pf.item_id = page.id
    left join internal_defaults as d on d.due_on = i.due_on
)
select
    i.id, i.kind, i.term, i.session_number, i.extraordinary, i.phase, i.ref_no, i.received_on, i.summary,
    i.topic, i.sources, i.deputy, i.lead_unit, i.coordinating_units, i.due_on, i.status, i.result, i.responded_on,
    i.response_no, i.version,
    -- What the lists show: "due soon" as a status where it applies; calendar days to the deadline
    -- (negative: overdue), as the deadlines themselves count calendar days; the filtered unit's role.
    case when page.urgency = 1 then 'due_soon' else page.status end as shown_status,
    case when page.urgency <= 2 then date_diff('day', cast($as_of as date), page.due_on) end as days_left,
    case
        when $unit is null then null
        when i.lead_unit = $unit then 'lead'
        else 'coordinating'
    end as unit_role,
    -- The internal deadline beside the legal one (issue 12), its days left while the item is open,
    -- the stage, and whether the lead unit has left the assignment unaccepted too long.
    pp.internal_due,
    case when page.urgency <= 2 then date_diff('day', cast($as_of as date), pp.internal_due) end as internal_days_left,
    pp.stage,
    pp.stage = 'awaiting_acceptance'
        and pp.assigned_on < (case when pp.kind = 'deputy_question' then $unaccepted_q else $unaccepted_r end)
        as unaccepted_long,
    page.matches
from page
join items_as_of($as_of) as i on i.id = page.id
join page_path as pp on pp.id = page.id
order by
    case when not $descending then page.k1 end asc,
    case when $descending then page.k1 end desc,
    case when not $descending then page.k2 end asc,
    case when $descending then page.k2 end desc,
    case when not $descending then page.k3 end asc,
    case when $descending then page.k3 end desc,
    case when not $descending then page.k4 end asc,
    case when $descending then page.k4 end desc,
    page.received_on desc,
    page.id desc;

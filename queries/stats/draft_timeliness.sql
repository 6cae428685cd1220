-- Drafts in by the internal deadline, late, and still missing past it, per session x kind x lead unit, as of a date.
-- Params (named): as_of, session_id (null = all), kind (null = both), workdays (DATE[], ascending), question_days, recommendation_days.
-- The default internal deadline (tracker/stage.py: N working days before the legal one) is found in
-- $workdays, the working days the calendar (tracker/workdays.py) lists over the due dates' span:
-- the last working day before the legal deadline is number p, the default is number p - N + 1.
with drafts as (
    select item_id, min(on_date) as drafted_on
    from item_milestones
    where kind = 'draft_submitted' and on_date <= $as_of
    group by item_id
),
counted as (
    select
        i.session_id, i.kind, i.lead_unit as unit, i.due_on, i.internal_due_on, d.drafted_on,
        i.status in ('replied_on_time', 'replied_late') as replied
    from items_as_of($as_of) as i
    left join drafts as d on d.item_id = i.id
    where ($session_id is null or i.session_id = $session_id) and ($kind is null or i.kind = $kind)
        and i.status <> 'transferred'
        -- a reply without any draft (every item replied before issue 12) counts in no draft measure
        and (d.drafted_on is not null or i.status not in ('replied_on_time', 'replied_late'))
),
work as (
    select $workdays[n] as day, n from range(1, len($workdays) + 1) as r(n)
),
due_days as (
    select distinct kind, due_on from counted where internal_due_on is null
),
last_before as (
    select
        dd.kind, dd.due_on,
        w.n + 1 - case when dd.kind = 'deputy_question' then $question_days else $recommendation_days end as target
    from due_days as dd
    asof join work as w on dd.due_on > w.day
),
defaults as (
    select l.kind, l.due_on, w.day as internal_default
    from last_before as l
    join work as w on w.n = l.target
),
judged as (
    select c.session_id, c.kind, c.unit, c.drafted_on, c.replied, coalesce(c.internal_due_on, f.internal_default) as internal
    from counted as c
    left join defaults as f on f.kind = c.kind and f.due_on = c.due_on
)
select
    session_id, kind, unit,
    count(*) filter (where drafted_on is not null and drafted_on <= internal) as draft_on_time,
    count(*) filter (where drafted_on is not null and drafted_on > internal) as draft_late,
    count(*) filter (where drafted_on is null and not replied and $as_of > internal) as draft_overdue
from judged
group by session_id, kind, unit;

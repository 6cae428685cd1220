-- Items counted as of a date (transferred ones left out), grouped by what the draft-on-time measure
-- reads: legal and internal deadlines, the first draft's day, replied or not. The default internal
-- deadline is applied in Python (tracker/stage.py: working days), once per group.
-- Params (named): as_of, session_id (null = all), kind (null = both).
with drafts as (
    select item_id, min(on_date) as drafted_on
    from item_milestones
    where kind = 'draft_submitted' and on_date <= $as_of
    group by item_id
)
select
    i.session_id, i.kind, i.lead_unit as unit, i.due_on, i.internal_due_on, d.drafted_on,
    i.status in ('replied_on_time', 'replied_late') as replied,
    count(*) as n
from items_as_of($as_of) as i
left join drafts as d on d.item_id = i.id
where ($session_id is null or i.session_id = $session_id) and ($kind is null or i.kind = $kind)
    and i.status <> 'transferred'
    -- a reply without any draft (every item replied before issue 12) counts in no draft measure
    and (d.drafted_on is not null or i.status not in ('replied_on_time', 'replied_late'))
group by all;

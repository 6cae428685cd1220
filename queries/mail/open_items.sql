-- The open items with a lead unit as of a date, with the Office's internal deadline (null = the default) and the stage.
-- Params: as_of (five times). Reminders and the công văn đôn đốc are computed from these.
select
    i.id, i.kind, i.ref_no, i.summary, i.lead_unit, i.due_on, i.internal_due_on,
    item_stage(i.transferred_on, i.responded_on, i.lead_unit, f.last_flow, ?) as stage
from items as i
left join (
    select item_id, arg_max(kind, id) as last_flow
    from item_milestones
    where kind in ('assigned', 'accepted', 'returned', 'draft_submitted', 'sent_back', 'approved', 'signed')
        and on_date <= ?
    group by item_id
) as f on f.item_id = i.id
where i.lead_unit is not null
    and i.archived_at is null
    and i.received_on <= ?
    and (i.responded_on is null or i.responded_on > ?)
    and (i.transferred_on is null or i.transferred_on > ?)
order by i.lead_unit, i.due_on, i.id;

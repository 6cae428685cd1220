-- The items counted as of a date (items_as_of) with their workflow stage (a table macro).
-- Params: as_of. Re-created on every open; uses items_as_of and item_stage, created before it.
create or replace macro items_stage_as_of(as_of) as table
select
    i.*,
    item_stage(i.transferred_on, i.responded_on, i.lead_unit, f.last_flow, as_of) as stage
from items_as_of(as_of) as i
left join (
    select item_id, arg_max(kind, id) as last_flow
    from item_milestones
    where kind in ('assigned', 'accepted', 'returned', 'draft_submitted', 'sent_back', 'approved', 'signed')
        and on_date <= as_of
    group by item_id
) as f on f.item_id = i.id;

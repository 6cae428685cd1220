-- The day of an item's latest flow milestone (a reply cannot be issued before it).
-- Params: item_id.
select max(on_date) from item_milestones
where item_id = ? and kind in ('accepted', 'draft_submitted', 'sent_back', 'approved', 'signed');

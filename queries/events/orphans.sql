-- Events that point at no item (must never happen: an item and its events commit together).
-- Params: none.
select e.id, e.item_id from item_events as e anti join items as i on i.id = e.item_id;

-- Undo a link in force: stamped, never deleted. Returns its id (none if already undone).
-- Params: undone_by, id.
update item_links
set undone_by = ?, undone_at = current_timestamp
where id = ? and undone_at is null
returning id;

-- Replace an item's sources (a merge takes the union; its undo puts them back), version-checked.
-- Params: sources, search_text, id, expected version. Returns the new version.
update items
set sources = ?, search_text = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

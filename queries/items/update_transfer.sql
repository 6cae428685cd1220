-- Mark (or unmark, with nulls) the item as transferred/returned, if unchanged since it was read.
-- Params: transferred_on, transfer_note, id, expected version. Returns the new version.
update items
set transferred_on = ?, transfer_note = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

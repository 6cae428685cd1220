-- Set (or clear, back to the default) the unit's internal deadline, if the item is unchanged since it was read.
-- Params: internal_due_on, internal_due_reason, id, expected version. Returns the new version.
update items
set internal_due_on = ?, internal_due_reason = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

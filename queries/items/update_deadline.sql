-- Set the deadline (with the reason a person gave, or '' when recomputed), if the item is unchanged since it was read.
-- Params: due_on, due_basis, due_facts (JSON text or null), due_override_reason, id, expected version. Returns the new version.
update items
set due_on = ?, due_basis = ?, due_facts = ?, due_override_reason = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

-- Archive (timestamp) or restore (null) an item; nothing is ever deleted.
-- Params: archived_at, id, expected version. Returns the new version.
update items
set archived_at = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

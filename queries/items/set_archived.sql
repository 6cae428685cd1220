-- Archive (timestamp and reason kind) or restore (both null) an item; nothing is ever deleted.
-- Params: archived_at, archive_reason ('duplicate_entry' | 'other' | null), id, expected version. Returns the new version.
update items
set archived_at = ?, archive_reason = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

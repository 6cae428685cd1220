-- A milestone changes no item column but moves the item on: bump its version if unchanged since it was read.
-- Params: id, expected version. Returns the new version.
update items set version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

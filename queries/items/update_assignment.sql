-- Change the lead unit and coordinating units, if nobody changed the item since it was read.
-- Params: lead_unit, coordinating_units, id, expected version. Returns the new version.
update items
set lead_unit = ?, coordinating_units = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

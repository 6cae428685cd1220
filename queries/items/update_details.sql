-- Edit the descriptive fields, if the item is unchanged since it was read.
-- Params: phase, ref_no, sources, deputy, summary, full_text, topic, search_text, id, expected version.
update items
set phase = ?, ref_no = ?, sources = ?, deputy = ?, summary = ?, full_text = ?, topic = ?,
    search_text = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

-- Record (or clear, with nulls) the reply, if the item is unchanged since it was read.
-- Params: response_no, responded_on, signer, response_summary, result, roadmap, committed_on,
--         late_reason, search_text, id, expected version. Returns the new version.
update items
set response_no = ?, responded_on = ?, signer = ?, response_summary = ?, result = ?, roadmap = ?,
    committed_on = ?, late_reason = ?, search_text = ?, version = version + 1, updated_at = current_timestamp
where id = ? and version = ?
returning version;

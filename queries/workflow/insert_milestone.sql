-- Append one milestone on an item's path (issue 12); rows are never updated.
-- Params: item_id, kind, unit, on_date, due_on, body, document_no, file_sha256, actor.
insert into item_milestones (item_id, kind, unit, on_date, due_on, body, document_no, file_sha256, actor)
values (?, ?, ?, ?, ?, ?, ?, ?, ?);

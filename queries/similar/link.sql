-- One link, undone or not.
-- Params: id.
select id, kind, item_id, earlier_id, score, created_by, created_at, sources_before, undone_at
from item_links
where id = ?;

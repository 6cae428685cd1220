-- The links in force (not undone) that touch any of the given items, oldest first.
-- Params: a list of ids, the same list again.
select id, kind, item_id, earlier_id, score, created_by, created_at, sources_before
from item_links
where undone_at is null and (list_contains(?, item_id) or list_contains(?, earlier_id))
order by id;

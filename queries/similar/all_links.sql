-- Every link in force, for the matcher's "already linked" filter and the chains.
-- Params: none.
select kind, item_id, earlier_id
from item_links
where undone_at is null;

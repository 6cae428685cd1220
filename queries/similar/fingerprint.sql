-- The matcher's freshness stamp: when it changes, the items saved since are put in its index (changed_since.sql).
-- Params: none.
select coalesce(max(updated_at), timestamp '1970-01-01'), count(*), coalesce(max(id), 0)
from items;

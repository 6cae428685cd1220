-- What the matcher's index depends on: it is rebuilt when this changes (items added, archived, edited).
-- Params: none.
select count(*), coalesce(max(id), 0), coalesce(sum(length(summary)), 0)
from items
where archived_at is null;

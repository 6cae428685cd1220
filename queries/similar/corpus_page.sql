-- The texts the matcher indexes, a page at a time (every item not archived, its summary or else its full text).
-- Params: the last id of the page before (0 first), the page's size.
select i.id, coalesce(nullif(i.summary, ''), nullif(i.full_text, ''), '')
from items as i
where i.archived_at is null and i.id > ?
order by i.id
limit ?;

-- The items saved at or after a stamp or added after an id (archived or not), with the text the matcher indexes.
-- Params: the stamp (updated_at), the largest id already seen.
select i.id, i.archived_at is not null, coalesce(nullif(i.summary, ''), nullif(i.full_text, ''), '')
from items as i
where i.updated_at >= ? or i.id > ?
order by i.id;

-- Items linked as raised again of an earlier one (the register's "raised before" filter).
-- Params: none.
select distinct item_id
from item_links
where kind = 'raised_again' and undone_at is null;

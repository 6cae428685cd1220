-- One item's current version (a sent reminder's history event carries it).
-- Params: id.
select version from items where id = ?;

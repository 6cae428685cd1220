-- The current version of each of a list of items (a delivered reminder's history events carry it).
-- Params: item ids (a list).
select id, version from items where id in (select unnest(?::bigint[]));

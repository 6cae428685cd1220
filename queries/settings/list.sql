-- Every setting.
-- Params: none.
select key, value from settings order by key;

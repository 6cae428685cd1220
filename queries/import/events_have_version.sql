-- Whether item_events records the item version each event produced (schema 3 and later).
-- Params: none. One row when it does, none otherwise.
select 1 from information_schema.columns where table_name = 'item_events' and column_name = 'version';

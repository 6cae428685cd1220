-- Row counts of the record tables (a backup's manifest; a restore must give the same).
-- Params: none.
select
    (select count(*) from items) as items,
    (select count(*) from item_events) as item_events,
    (select count(*) from admin_events) as admin_events,
    (select count(*) from users) as users,
    (select count(*) from sessions) as sessions,
    (select count(*) from units) as units;

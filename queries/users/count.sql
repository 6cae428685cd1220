-- How many accounts exist (the first administrator may be created only when there are none).
-- Params: none.
select count(*) from users;

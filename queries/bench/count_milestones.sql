-- How many milestones the register holds (the bench's workflow table names it).
-- No params.
select count(*) from item_milestones;

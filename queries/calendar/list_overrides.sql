-- Announced days off and make-up working days, by date.
-- Params: none.
select day, working, note from calendar_overrides order by day;

-- Remove an override: the day falls back to the holidays package and the weekday.
-- Params: day.
delete from calendar_overrides where day = ?;

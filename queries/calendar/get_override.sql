-- One day's override, if any (the settings trail records old values).
-- Params: day.
select working, note from calendar_overrides where day = ?;

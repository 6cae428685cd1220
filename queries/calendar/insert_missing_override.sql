-- Insert a reference override unless that day already has one.
-- Params: day, working, note.
insert into calendar_overrides (day, working, note) values (?, ?, ?)
on conflict (day) do nothing;

-- Set a day as an extra day off or a make-up working day.
-- Params: day, working, note.
insert into calendar_overrides (day, working, note) values (?, ?, ?)
on conflict (day) do update set working = excluded.working, note = excluded.note;

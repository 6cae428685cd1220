-- Insert a session or update its dates and note.
-- Params: term, number, extraordinary, opens_on, closes_on, note.
insert into sessions (term, number, extraordinary, opens_on, closes_on, note)
values (?, ?, ?, ?, ?, ?)
on conflict (term, number, extraordinary) do update set
    opens_on = excluded.opens_on,
    closes_on = excluded.closes_on,
    note = excluded.note;

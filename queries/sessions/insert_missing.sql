-- Insert a session unless it exists (first start; admin edits survive).
-- Params: term, number, extraordinary, opens_on, closes_on, note.
insert into sessions (term, number, extraordinary, opens_on, closes_on, note)
values (?, ?, ?, ?, ?, ?)
on conflict (term, number, extraordinary) do nothing;

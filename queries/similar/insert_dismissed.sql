-- Remember a suggested pair a person dismissed (smaller id first); dismissing twice is no error.
-- Params: low_id, high_id, dismissed_by.
insert into similar_dismissed (low_id, high_id, dismissed_by)
values (?, ?, ?)
on conflict do nothing;

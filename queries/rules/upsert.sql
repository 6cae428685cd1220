-- Set the period for a kind from a date on.
-- Params: kind, days, effective_from, basis.
insert into deadline_rules (kind, days, effective_from, basis) values (?, ?, ?, ?)
on conflict (kind, effective_from) do update set days = excluded.days, basis = excluded.basis;

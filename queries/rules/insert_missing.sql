-- Insert a default rule unless the kind already has one from that date.
-- Params: kind, days, effective_from, basis.
insert into deadline_rules (kind, days, effective_from, basis) values (?, ?, ?, ?)
on conflict (kind, effective_from) do nothing;

-- Deadline rules per kind with their effective-from dates.
-- Params: none.
select kind, days, effective_from, basis from deadline_rules order by kind, effective_from;

-- One deadline rule by kind and effective-from date (the settings trail records old values).
-- Params: kind, effective_from.
select days, effective_from, basis from deadline_rules where kind = ? and effective_from = ?;

-- One unit by code (the settings trail records old values).
-- Params: code.
select name_vi, name_en, active_from, active_to from units where code = ?;

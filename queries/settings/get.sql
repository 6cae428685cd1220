-- One setting's value.
-- Params: key.
select value from settings where key = ?;

-- One session by its term, number and kind (the settings trail records old values).
-- Params: term, number, extraordinary.
select opens_on, closes_on, note from sessions where term = ? and number = ? and extraordinary = ?;

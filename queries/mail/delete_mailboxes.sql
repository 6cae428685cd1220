-- Remove a unit's mailboxes (before storing its new list).
-- Params: unit.
delete from unit_mailboxes where unit = ?;

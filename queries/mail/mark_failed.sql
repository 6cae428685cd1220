-- A failed attempt: kept pending for a retry after next_attempt_at, or 'refused' when the server refused for good.
-- Params: status, next_attempt_at, last_error, id.
update mail_outbox set status = ?, next_attempt_at = ?, last_error = ?, attempts = attempts + 1 where id = ?;

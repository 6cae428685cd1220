-- A message the server accepted.
-- Params: sent_at, id.
update mail_outbox set status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = null where id = ?;

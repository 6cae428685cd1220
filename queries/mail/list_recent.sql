-- The most recent messages, newest first, for the settings page.
-- Params: limit.
select id, created_at, reason, recipient, subject, status, attempts, last_error, sent_at from mail_outbox order by id desc limit ?;

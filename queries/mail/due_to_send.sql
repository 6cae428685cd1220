-- Messages waiting to go whose next attempt is due, oldest first.
-- Params: now.
select id, recipient, subject, body, lang, reason, item_ids, attempts from mail_outbox where status = 'pending' and (next_attempt_at is null or next_attempt_at <= ?) order by id;

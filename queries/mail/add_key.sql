-- Record that a reminder for (item, recipient, reason, day) is queued: the primary key refuses a second.
-- Params: item_id, recipient, reason, day, outbox_id.
insert into mail_reminder_keys (item_id, recipient, reason, day, outbox_id) values (?, ?, ?, ?, ?) on conflict do nothing;

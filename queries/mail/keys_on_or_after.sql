-- Reminder keys from a day on (what has been queued already, so a second run queues nothing new).
-- Params: day.
select item_id, recipient, reason, day from mail_reminder_keys where day >= ?;

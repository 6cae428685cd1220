-- Append an administrative event (settings, accounts, backups).
-- Params: actor, action, subject, changes (JSON text), reason, reason_key (or null), reason_params (JSON text or null).
insert into admin_events (actor, action, subject, changes, reason, reason_key, reason_params) values (?, ?, ?, ?, ?, ?, ?);

-- Append an administrative event (settings, accounts, backups).
-- Params: actor, action, subject, changes (JSON text), reason.
insert into admin_events (actor, action, subject, changes, reason) values (?, ?, ?, ?, ?);

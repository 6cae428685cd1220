-- Store one of a unit's mailboxes.
-- Params: unit, address.
insert into unit_mailboxes (unit, address) values (?, ?) on conflict do nothing;

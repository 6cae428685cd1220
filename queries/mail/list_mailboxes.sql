-- Every unit mailbox.
-- Params: none.
select unit, address from unit_mailboxes order by unit, address;

-- Queue one message for one recipient; returns its id.
-- Params: reason, recipient, lang, unit, subject, body, item_ids (JSON).
insert into mail_outbox (reason, recipient, lang, unit, subject, body, item_ids) values (?, ?, ?, ?, ?, ?, ?) returning id;

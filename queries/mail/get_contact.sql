-- One account's mail contact.
-- Params: username.
select username, email, lang, muted from mail_contacts where username = ?;

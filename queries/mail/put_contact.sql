-- Store an account's mail contact.
-- Params: username, email, lang, muted.
insert into mail_contacts (username, email, lang, muted) values (?, ?, ?, ?) on conflict (username) do update set email = excluded.email, lang = excluded.lang, muted = excluded.muted;

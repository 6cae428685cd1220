-- Every account's mail contact with the account's role, unit and whether it is active.
-- Params: none.
select c.username, c.email, c.lang, c.muted, u.role, u.unit, u.active from mail_contacts as c join users as u on u.username = c.username order by c.username;

-- The account that already uses an e-mail address (single sign-on maps e-mails to one account).
-- Params: email (lower-cased), username to ignore (the account being edited).
select username from users where lower(email) = ? and lower(username) <> ?;

-- How many messages are waiting, sent and refused.
-- Params: none.
select count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'sent') as sent, count(*) filter (where status = 'refused') as refused from mail_outbox;

-- One month's briefing per kind, as of a date: what was received in the month and where it stands,
-- replies issued in the month, items falling due in the month (done, or still to come), overdue now.
-- Params (named): first, last (the month's first and last day), as_of.
-- Transferred items are counted apart and never as done (issue 9); an item whose deadline has not
-- passed on as_of is "due later", never a failure.
select
    kind,
    count(*) filter (where received_on between $first and $last) as received,
    count(*) filter (where received_on between $first and $last and status in ('replied_on_time', 'replied_late')) as received_replied,
    count(*) filter (where received_on between $first and $last and status = 'open_not_due') as received_not_due,
    count(*) filter (where received_on between $first and $last and status = 'overdue') as received_overdue,
    count(*) filter (where received_on between $first and $last and status = 'transferred') as received_transferred,
    count(*) filter (where responded_on between $first and $last and status in ('replied_on_time', 'replied_late')) as replies_issued,
    count(*) filter (where due_on between $first and $last and status in ('replied_on_time', 'replied_late', 'overdue')) as due,
    count(*) filter (where due_on between $first and $last and status in ('replied_on_time', 'replied_late')) as due_done,
    count(*) filter (where due_on between $first and $last and status = 'open_not_due') as due_later,
    count(*) filter (where status = 'overdue') as overdue_now
from items_as_of($as_of)
group by kind;

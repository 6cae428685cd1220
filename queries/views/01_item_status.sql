-- An item's status at the end of a date, from its stored facts (tracker.status.derive_status).
-- Params: the item's transferred_on, responded_on, due_on and the as_of date. Re-created on every open.
-- A reply or transfer dated after as_of had not happened yet; overdue from the day after due_on.
create or replace macro item_status(transferred_on, responded_on, due_on, as_of) as
case
    when transferred_on is not null and transferred_on <= as_of then 'transferred'
    when responded_on is not null and responded_on <= as_of then
        case when responded_on <= due_on then 'replied_on_time' else 'replied_late' end
    when as_of > due_on then 'overdue'
    else 'open_not_due'
end;

-- The earliest and latest legal deadline of any item: the span the working-day list of
-- stats/draft_timeliness must cover. No params.
select min(due_on) as first_due, max(due_on) as last_due from items;

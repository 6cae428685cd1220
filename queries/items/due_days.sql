-- Every legal due day items have (a few hundred: a session's items share them), for the lists' default internal deadlines.
-- Params: none.
select distinct due_on from items where due_on is not null order by due_on;

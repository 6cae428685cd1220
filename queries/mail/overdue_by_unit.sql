-- The lead units with most overdue items as of a date (the weekly digest), most first.
-- Params: as_of, limit.
select lead_unit, count(*) as overdue
from items_as_of(?)
where status = 'overdue' and lead_unit is not null
group by lead_unit
order by overdue desc, lead_unit
limit ?;

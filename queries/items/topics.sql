-- Topics in use, most frequent first (the register's topic filter).
-- Params: none.
select topic, count(*) as n
from items
where archived_at is null and topic <> ''
group by topic
order by n desc, topic
limit 200;

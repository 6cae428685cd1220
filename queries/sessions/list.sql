-- Every session, newest term first, regular before extraordinary, highest number first.
-- Params: none.
select id, term, number, extraordinary, opens_on, closes_on, note
from sessions
order by term desc, coalesce(opens_on, date '9999-12-31') desc, number desc;

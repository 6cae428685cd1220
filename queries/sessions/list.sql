-- Every session, newest first: term, then opening date; an undated one just after the latest dated one of its kind before it.
-- Params: none.
with placed as (
    select
        *,
        coalesce(
            opens_on,
            max(opens_on) over (
                partition by term, extraordinary order by number rows between unbounded preceding and current row
            ),
            min(opens_on) over (partition by term),
            date '9999-12-31'
        ) as placed_on
    from sessions
)
select id, term, number, extraordinary, opens_on, closes_on, note
from placed
order by term desc, placed_on desc, extraordinary desc, number desc;

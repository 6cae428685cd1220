-- Item and administrative events, newest first, filtered by user, unit (lead or coordinating), dates, item.
-- Params (named): actor, unit, date_from, date_to, item_id, limit.
select * from (
    select
        e.id, e.occurred_at, e.actor, e.action, e.item_id, cast(e.item_id as varchar) as subject,
        e.changes, e.reason, e.reason_key, e.reason_params, i.lead_unit as unit
    from item_events as e
    left join items as i on i.id = e.item_id
    where ($unit is null or i.lead_unit = $unit or list_contains(string_split(i.coordinating_units, ';'), $unit))
    union all
    select a.id, a.occurred_at, a.actor, a.action, null, a.subject, a.changes, a.reason, a.reason_key, a.reason_params, null
    from admin_events as a
    where cast($unit as varchar) is null and cast($item_id as bigint) is null
)
where ($actor is null or actor = $actor)
    and ($date_from is null or occurred_at >= cast($date_from as date))
    and ($date_to is null or occurred_at < cast($date_to as date) + interval 1 day)
    and ($item_id is null or item_id = cast($item_id as bigint))
order by occurred_at desc, id desc
limit $limit;

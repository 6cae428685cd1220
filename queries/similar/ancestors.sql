-- The items an item was raised again of, at any depth, along raised-again links in force (UNION stops at a loop).
-- Params: the item's id.
with recursive up(id) as (
    select earlier_id from item_links where kind = 'raised_again' and undone_at is null and item_id = ?
    union
    select l.earlier_id
    from item_links as l
    join up on l.item_id = up.id
    where l.kind = 'raised_again' and l.undone_at is null
)
select id from up;

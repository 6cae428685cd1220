-- Insert a unit or update its names and active period.
-- Params: code, name_vi, name_en, search_key, active_from, active_to, sort_order.
insert into units (code, name_vi, name_en, search_key, active_from, active_to, sort_order)
values (?, ?, ?, ?, ?, ?, ?)
on conflict (code) do update set
    name_vi = excluded.name_vi,
    name_en = excluded.name_en,
    search_key = excluded.search_key,
    active_from = excluded.active_from,
    active_to = excluded.active_to,
    sort_order = excluded.sort_order;

-- Insert a reference unit unless one with that code exists (first start; admin edits survive).
-- Params: code, name_vi, name_en, search_key, active_from, active_to, sort_order.
insert into units (code, name_vi, name_en, search_key, active_from, active_to, sort_order)
values (?, ?, ?, ?, ?, ?, ?)
on conflict (code) do nothing;

-- Store a setting.
-- Params: key, value.
insert into settings (key, value) values (?, ?)
on conflict (key) do update set value = excluded.value;

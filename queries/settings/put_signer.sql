-- Store the Word report's signer: its three settings in one statement.
-- Params: name, title, authority.
insert into settings (key, value) values
    ('report.signer_name', ?),
    ('report.signer_title', ?),
    ('report.signer_authority', ?)
on conflict (key) do update set value = excluded.value;

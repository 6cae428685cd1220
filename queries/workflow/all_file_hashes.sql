-- Every stored file's hash (backups copy them and their verification checks them).
-- Params: none.
select distinct sha256 from item_files order by sha256;

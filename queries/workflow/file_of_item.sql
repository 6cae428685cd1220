-- Whether a file (by its SHA-256) is attached to an item.
-- Params: item_id, sha256.
select id from item_files where item_id = ? and sha256 = ? limit 1;

-- The attachment rows of one file on one item, oldest first.
-- Params: item_id, sha256.
select id, item_id, sha256, name, media_type, size_bytes, purpose, actor, uploaded_at
from item_files where item_id = ? and sha256 = ? order by id;

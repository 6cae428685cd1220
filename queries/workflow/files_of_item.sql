-- An item's attachments, oldest first.
-- Params: item_id.
select id, item_id, sha256, name, media_type, size_bytes, purpose, actor, uploaded_at
from item_files where item_id = ? order by id;

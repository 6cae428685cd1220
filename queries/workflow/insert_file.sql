-- Record one file attached to an item (its bytes are already in <db>.files/<sha256>).
-- Params: item_id, sha256, name, media_type, size_bytes, purpose, actor.
insert into item_files (item_id, sha256, name, media_type, size_bytes, purpose, actor) values (?, ?, ?, ?, ?, ?, ?);

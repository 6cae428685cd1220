-- Schema version 8 (issue 12): the reply's path through the ministry, as dated facts.
-- Safe to run twice: "if not exists" throughout. Tables only; the stage is derived (queries/views/05_item_stage.sql).
-- The unit's internal deadline (hạn gửi dự thảo về Văn phòng): null = the default, N working days
-- before the legal deadline (tracker/stage.py); a value is the Office's override, with its reason.
alter table items add column if not exists internal_due_on date;
alter table items add column if not exists internal_due_reason varchar;

-- One row per milestone: who (actor), when (occurred_at, and on_date the day it counts for), which
-- unit it concerns, and its text (reason, comment, draft, contribution). Rows are never updated.
create sequence if not exists item_milestones_id_seq start 1;
create table if not exists item_milestones (
    id bigint primary key default nextval('item_milestones_id_seq'),
    item_id bigint not null,
    kind varchar not null,
    unit varchar,
    on_date date not null,
    due_on date,
    body varchar not null default '',
    document_no varchar,
    file_sha256 varchar,
    actor varchar not null,
    occurred_at timestamp not null default current_timestamp
);
create index if not exists item_milestones_item_idx on item_milestones (item_id);

-- Files attached to an item, stored beside the database as <db>.files/<sha256> (tracker/attachments.py).
create sequence if not exists item_files_id_seq start 1;
create table if not exists item_files (
    id bigint primary key default nextval('item_files_id_seq'),
    item_id bigint not null,
    sha256 varchar not null,
    name varchar not null,
    media_type varchar not null,
    size_bytes bigint not null,
    purpose varchar not null default '',
    actor varchar not null,
    uploaded_at timestamp not null default current_timestamp
);
create index if not exists item_files_item_idx on item_files (item_id);

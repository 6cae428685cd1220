-- Schema version 1: reference data, items, their events.
-- Safe to run twice: every statement is "if not exists" / "or replace".
create table if not exists units (
    code varchar primary key,
    name_vi varchar not null,
    name_en varchar not null,
    search_key varchar not null,
    active_from date,
    active_to date,
    sort_order integer not null default 0
);

create sequence if not exists sessions_id_seq start 1;
create table if not exists sessions (
    id integer primary key default nextval('sessions_id_seq'),
    term integer not null,
    number integer not null,
    extraordinary boolean not null default false,
    opens_on date,
    closes_on date,
    note varchar not null default '',
    unique (term, number, extraordinary)
);

create table if not exists calendar_overrides (
    day date primary key,
    working boolean not null,
    note varchar not null default ''
);

create table if not exists deadline_rules (
    kind varchar not null,
    days integer not null check (days > 0 and days <= 366),
    effective_from date not null,
    basis varchar not null default '',
    primary key (kind, effective_from)
);

create table if not exists settings (
    key varchar primary key,
    value varchar not null
);

create sequence if not exists items_id_seq start 1;
create table if not exists items (
    id bigint primary key default nextval('items_id_seq'),
    kind varchar not null,
    session_id integer not null,
    phase varchar not null,
    ref_no varchar not null default '',
    received_on date not null,
    sources varchar not null default '',
    deputy varchar not null default '',
    summary varchar not null,
    full_text varchar not null default '',
    topic varchar not null default '',
    lead_unit varchar,
    coordinating_units varchar not null default '',
    due_on date not null,
    due_basis varchar not null default '',
    due_override_reason varchar not null default '',
    response_no varchar,
    responded_on date,
    signer varchar,
    response_summary varchar,
    result varchar,
    roadmap varchar,
    committed_on date,
    late_reason varchar,
    transferred_on date,
    transfer_note varchar,
    search_text varchar not null default '',
    version integer not null default 1,
    created_at timestamp not null default current_timestamp,
    created_by varchar not null default '',
    updated_at timestamp not null default current_timestamp,
    archived_at timestamp
);

create sequence if not exists item_events_id_seq start 1;
create table if not exists item_events (
    id bigint primary key default nextval('item_events_id_seq'),
    item_id bigint not null,
    occurred_at timestamp not null default current_timestamp,
    actor varchar not null,
    action varchar not null,
    changes varchar not null default '{}',
    reason varchar not null default ''
);

-- Until issue 10 this file also created the items_as_of macro. Macros hold no data, so they now
-- live in queries/views/ and are re-created on every open after the migrations (tracker/storage.py):
-- a file migrated long ago and a new one end with the same definitions; migrations hold tables only.

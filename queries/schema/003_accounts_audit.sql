-- Schema version 3: local accounts, administrative events, and the item version each event made.
-- Safe to run twice: "if not exists" throughout.
create table if not exists users (
    username varchar primary key,
    display_name varchar not null default '',
    role varchar not null,
    unit varchar,
    email varchar,
    password_hash varchar,
    active boolean not null default true,
    failed_count integer not null default 0,
    locked_until timestamp,
    last_login_at timestamp,
    created_at timestamp not null default current_timestamp
);

create sequence if not exists admin_events_id_seq start 1;
create table if not exists admin_events (
    id bigint primary key default nextval('admin_events_id_seq'),
    occurred_at timestamp not null default current_timestamp,
    actor varchar not null,
    action varchar not null,
    subject varchar not null default '',
    changes varchar not null default '{}',
    reason varchar not null default ''
);

alter table item_events add column if not exists version integer;

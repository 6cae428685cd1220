-- Schema version 10 (issue 14): recommendations raised again. A link says an item repeats an
-- earlier one ('raised_again', any session) or was merged into one ('merged', same session: the
-- merged item is archived as a duplicate entry, so totals count the recommendation once). Undoing
-- stamps the link, never deletes it. A dismissed suggestion is remembered so it never comes back;
-- a reply started from an earlier one records which.
create sequence if not exists item_links_id_seq start 1;
create table if not exists item_links (
    id bigint primary key default nextval('item_links_id_seq'),
    kind varchar not null check (kind in ('raised_again', 'merged')),
    item_id bigint not null,      -- the later occurrence, or the item merged away
    earlier_id bigint not null,   -- the earlier occurrence, or the surviving item
    score integer,                -- the matcher's score when a suggestion was confirmed
    created_by varchar not null,
    created_at timestamp not null default current_timestamp,
    sources_before varchar,       -- merged: the survivor's sources before it took the union
    undone_by varchar,
    undone_at timestamp
);

create table if not exists similar_dismissed (
    low_id bigint not null,       -- the pair, smaller id first
    high_id bigint not null,
    dismissed_by varchar not null,
    dismissed_at timestamp not null default current_timestamp,
    primary key (low_id, high_id)
);

create table if not exists reply_reuse (
    item_id bigint not null,      -- the item whose reply was started from another's
    reused_id bigint not null,    -- the item whose reply it started from
    reused_by varchar not null,
    reused_at timestamp not null default current_timestamp
);

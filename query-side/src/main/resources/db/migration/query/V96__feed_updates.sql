-- Live-stream updates shared by every node (docs/adr/0017-live-streams-through-postgresql.md). A projection
-- inserts its update in its own transaction (so an update exists iff its read-model change committed);
-- right before that transaction commits, under a transaction-scoped advisory lock, its rows get their seq
-- from feed_updates_seq, so seq order is commit order: no node ever reads seq 11 while 10 may still commit.
-- Rows without a seq exist only inside the transaction that wrote them. seq is the SSE event id.
create sequence feed_updates_seq;

create table feed_updates (
    id         bigint generated always as identity primary key,
    seq        bigint unique,
    event_id   bigint      not null,
    user_id    uuid,
    name       varchar(32) not null,
    data       text        not null,
    created_at timestamptz not null default now()
);

create index feed_updates_unnumbered on feed_updates (id) where seq is null;
create index feed_updates_created_at on feed_updates (created_at);

-- the highest seq the retention purge has deleted: a Last-Event-ID below it cannot be resumed from
create table feed_horizon (
    singleton    boolean primary key default true check (singleton),
    purged_up_to bigint  not null
);
insert into feed_horizon (singleton, purged_up_to) values (true, 0);

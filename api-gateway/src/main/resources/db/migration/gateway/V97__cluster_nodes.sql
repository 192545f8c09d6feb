-- The node registry (docs/system.md): every TrendDesk process writes its row when it starts and again
-- every few seconds (trenddesk.cluster.heartbeat-interval), and sets stopped_at on a graceful shutdown.
-- A row not written for trenddesk.cluster.down-after is a node that is down (killed, frozen, cut off);
-- rows of nodes gone for trenddesk.cluster.purge-after are deleted. Times are the database's clock, so
-- nodes whose clocks differ still agree on who is up. processors holds what the node alone knows of
-- the event processors it runs (error state, replaying, per segment), as JSON.
create table cluster_nodes (
    node_id     varchar(64)  not null primary key,
    host        varchar(255) not null,
    pid         bigint       not null,
    roles       varchar(255) not null,
    version     varchar(64)  not null,
    started_at  timestamptz  not null,
    last_seen   timestamptz  not null,
    stopped_at  timestamptz,
    processors  jsonb        not null default '[]'::jsonb
);

-- Which exchange a connection's key and a session belong to (CredentialsConnected and
-- TradingSessionStarted name it since their revision 2). Rows written before were all BingX: the
-- default says so, for them only (it is dropped again): the projections write the value the events
-- name on every insert, so a rebuild yields the same.
-- pending_exchange: the exchange of a staged key waiting beside the verified one.
alter table connections_view
    add column exchange         varchar(32) not null default 'BINGX',
    add column pending_exchange varchar(32);

alter table sessions_view
    add column exchange varchar(32) not null default 'BINGX';

alter table connections_view alter column exchange drop default;
alter table sessions_view alter column exchange drop default;

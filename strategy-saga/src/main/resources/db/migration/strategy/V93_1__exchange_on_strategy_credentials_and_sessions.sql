-- The trading side's copies name the exchange of a key and of a session (CredentialsConnected and
-- TradingSessionStarted carry it since their revision 2), so that the saga role picks the exchange
-- adapter by the name recorded, not by assumption. Rows written before were all BingX: the default
-- says so, for them only (it is dropped again): the processors write the value the events name on
-- every insert, so a rebuild yields the same.
-- Version 93.1: the strategy module's part of V93 (exchange on credentials and sessions).
alter table credentials_secrets
    add column exchange        varchar(32) not null default 'BINGX',
    add column staged_exchange varchar(32);

alter table trading_ledger_session
    add column exchange varchar(32) not null default 'BINGX';

alter table credentials_secrets alter column exchange drop default;
alter table trading_ledger_session alter column exchange drop default;

-- The strategy a session trades with (its settings' strategy, emaFast and emaSlow as TradingSessionStarted
-- and the latest TradingSessionSettingsChanged give them), so the dashboard's bot summary can tell every
-- reader which indicators to draw. Rows written before get what the upcasters give events stored before
-- strategies existed (ADX_TREND, 9, 21); the defaults are for them only and are dropped again: the
-- projection writes the values the events carry, so a rebuild from the events yields the same. A session
-- started with EMA_CROSS before this migration reads ADX_TREND until the trading read models are rebuilt.
alter table sessions_view
    add column strategy varchar(32) not null default 'ADX_TREND',
    add column ema_fast integer     not null default 9,
    add column ema_slow integer     not null default 21;

alter table sessions_view alter column strategy drop default;
alter table sessions_view alter column ema_fast drop default;
alter table sessions_view alter column ema_slow drop default;

-- Set-based validation for the platform's settings (PlatformSettings): one row, written in the same transaction as
-- the settings' events. UserAccount reads the defaults for new traders when a user registers (null: the built-in
-- ones); UserAccount and TradingSession read the allowed symbols and timeframes (empty: every one) when settings are
-- saved or a bot starts. Not a read model: the command side owns it.
create table platform_settings (
    singleton            boolean primary key default true check (singleton),
    new_trader_defaults  text,
    allowed_symbols      text[] not null default '{}',
    allowed_timeframes   text[] not null default '{}'
);
insert into platform_settings (singleton) values (true);

-- Issue 12: positions BingX holds that the bot did not open are shown as external (not managed by
-- the bot); and a trade closed to match the exchange has the reason EXCHANGE_RECONCILED (19 characters).
alter table positions_view add column external boolean not null default false;
alter table trades_view alter column reason type varchar(32);

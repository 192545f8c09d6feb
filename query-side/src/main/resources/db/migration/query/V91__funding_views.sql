-- Issue 15: funding fees BingX books on a bot's position every 8 hours (FundingFeeCharged), one row per
-- BingX transaction id (a redelivered event inserts nothing); an open position shows the sum of the
-- rows charged since it opened, and a closed trade keeps the funding of its position (PositionClosed).
create table funding_view (
    session_id  uuid        not null,
    tran_id     varchar(64) not null,
    user_id     uuid        not null,
    symbol      varchar(32) not null,
    side        varchar(8)  not null,
    amount      numeric     not null, -- signed: negative when the position paid
    charged_at  timestamptz not null, -- BingX's time of the income line
    primary key (session_id, tran_id)
);
create index funding_view_position on funding_view (session_id, symbol, charged_at);
alter table trades_view add column funding numeric not null default 0;

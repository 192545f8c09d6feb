-- Performance fees (docs/fees.md, ADR 0029), kept by the `fees` projection.

-- The fee ledger: every closed trade (a PositionClosed or a PositionReduced) of a trader, numbered 1, 2, 3 … per
-- trader in the order the projection met them. A settlement counts a contiguous run of these numbers.
create table fee_ledger (
    trade_id  varchar(64) primary key,
    user_id   uuid        not null,
    trade_no  bigint      not null,
    closed_at timestamptz not null,
    net_pnl   numeric     not null,
    unique (user_id, trade_no)
);

-- Equity read by the trader's bot, the last reading of each settlement period (shown in settlements, never used).
create table fee_equity (
    user_id      uuid        not null,
    period_start timestamptz not null,
    equity       numeric     not null,
    observed_at  timestamptz not null,
    primary key (user_id, period_start)
);

-- A trader's fee account as its FeeAccount aggregate's events left it.
create table fee_accounts (
    user_id           uuid primary key,
    rate              numeric     not null default 0,
    settlement_period varchar(16) not null default 'MONTHLY',
    high_water_mark   numeric     not null default 0,
    cumulative_profit numeric     not null default 0, -- C at the last settlement
    settled_through   timestamptz,                    -- end of the last period settled
    through_trade     bigint      not null default 0,
    total_fees        numeric     not null default 0,
    settlements       int         not null default 0,
    last_settled      varchar(16)
);

create table fee_settlements (
    user_id          uuid        not null,
    period           varchar(16) not null,
    period_start     timestamptz not null,
    period_end       timestamptz not null,
    start_equity     numeric,
    end_equity       numeric,
    hwm_before       numeric     not null,
    hwm_after        numeric     not null,
    period_net       numeric     not null,
    cumulative       numeric     not null,
    rate             numeric     not null,
    fee              numeric     not null,
    trades           int         not null,
    settled_at       timestamptz not null,
    primary key (user_id, period)
);
create index fee_settlements_start on fee_settlements (user_id, period_start);

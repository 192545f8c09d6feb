-- Set-based validation for plans and subscriptions (Plan, Subscription): written in the same transaction as their
-- events. TradingSession reads a trader's plan limits and paid time when a bot starts, its settings change or it
-- asks for an entry; Subscription reads a plan when it is assigned. Not a read model: the command side owns it.
create table plan_limits (
    plan_id        text primary key,
    name           text not null,
    monthly_price  numeric(12, 2) not null,
    limits         text not null,
    retired        boolean not null default false
);
create unique index plan_limits_name on plan_limits (lower(name)) where not retired;

-- The plan of every trader without an assignment of their own; set when the shipped plans are created.
create table plan_default (
    singleton  boolean primary key default true check (singleton),
    plan_id    text not null
);

create table trader_plan (
    user_id       uuid primary key,
    plan_id       text not null,
    period_start  timestamptz not null,
    paid_through  timestamptz,
    cancelled     boolean not null default false
);

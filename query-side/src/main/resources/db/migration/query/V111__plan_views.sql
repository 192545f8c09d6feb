-- Plans and subscriptions as admins and traders read them (PlansProjection, docs/plans.md).
create table plan_view (
    plan_id        text primary key,
    name           text not null,
    monthly_price  numeric(12, 2) not null,
    currency       text not null,
    limits         text not null,
    retired        boolean not null default false,
    shipped        boolean not null default false,
    updated_at     timestamptz not null
);

create table plan_default_view (
    singleton  boolean primary key default true check (singleton),
    plan_id    text not null
);

create table trader_plan_view (
    user_id       uuid primary key,
    plan_id       text not null,
    paid          boolean not null,
    period_start  timestamptz not null,
    paid_through  timestamptz,
    cancelled     boolean not null default false
);

create table plan_history (
    id        bigserial primary key,
    user_id   uuid not null,
    at        timestamptz not null,
    kind      text not null,
    plan_id   text,
    summary   text not null,
    reason    text,
    actor_id  text
);
create index plan_history_user on plan_history (user_id, at desc);

-- When the platform recorded an order request, on the wall clock. requested_at is the request's time in market
-- time (the time traders see, ADR 0027), which the simulator's accelerated market runs ahead of the wall clock;
-- the grace before a pending order is looked up at the exchange is measured on the wall clock.
alter table trading_ledger_order add column recorded_at timestamptz;

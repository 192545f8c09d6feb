-- When a trade's position was opened, so the dashboard can show how long it was held.
-- Trades stored before this have none until the read models are rebuilt from the events.
alter table trades_view add column opened_at timestamptz;

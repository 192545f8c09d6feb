-- The chart's EMAs: CandleClosed (revision 2) carries EMA(9, 21, 50, 100, 200) of the closes by name
-- (docs/strategies.md). Null until defined, and for candles stored before the feed computed them (a projection
-- rebuild fills them only where the events have them).
alter table candles_view
    add column ema9   numeric,
    add column ema21  numeric,
    add column ema50  numeric,
    add column ema100 numeric,
    add column ema200 numeric;

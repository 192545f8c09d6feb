-- A MISSING mark is now keyed by the position (symbol/side/opening time in ms), not by the symbol, so a new
-- position never inherits the mark of the one before it; room for any BingX symbol in that key.
alter table trading_poll_mark alter column mark_key type varchar(128);

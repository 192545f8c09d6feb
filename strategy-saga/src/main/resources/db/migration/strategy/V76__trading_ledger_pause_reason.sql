-- Why a paused bot is paused (PauseReason) and the readable detail, for GET /api/me/bot; null while not paused.
alter table trading_ledger_session add column pause_reason varchar(32);
alter table trading_ledger_session add column pause_detail varchar(500);

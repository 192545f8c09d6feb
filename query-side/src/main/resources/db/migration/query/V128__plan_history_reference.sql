-- A payment's reference as its own column: an admin's answer waits for exactly this payment in the history
-- (two payments can carry the same time when the market clock stands still between them).
alter table plan_history add column reference text;

-- payments recorded before this column: the reference is the part in parentheses of their summary
-- ("19 USD (INV-1001) for 2026-12-01 to 2027-01-01; paid through 2027-01-01")
update plan_history
   set reference = substring(summary from '^\S+ \S+ \((.*)\) for ')
 where kind = 'PAYMENT';

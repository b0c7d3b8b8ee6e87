CREATE TABLE "balance_daily_totals" (
	"day" date NOT NULL,
	"currency" varchar(3) NOT NULL,
	"reporting_category" varchar(40) NOT NULL,
	"count" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"fee" bigint NOT NULL,
	"net" bigint NOT NULL,
	CONSTRAINT "balance_daily_totals_day_currency_reporting_category_pk" PRIMARY KEY("day","currency","reporting_category")
);
--> statement-breakpoint
-- Written by hand (drizzle-kit generates tables, not triggers): Postgres keeps balance_daily_totals
-- itself, so no writer of balance_transactions can forget it. Statement-level triggers with
-- transition tables (one aggregate per statement, not one upsert per row): an INSERT adds its new
-- rows, a DELETE subtracts its old ones, an UPDATE subtracts the old and adds the new versions.
-- For INSERT ... ON CONFLICT DO UPDATE (lib/balance/transactions.ts), the INSERT trigger's NEW
-- TABLE holds only the rows actually inserted; the rows the conflict updated appear in the UPDATE
-- trigger's tables instead (Postgres 10's commit 8c55244, "Fix transition tables for ON CONFLICT",
-- which is also why a trigger with transition tables has one event), where their old and new
-- versions cancel out, so re-mirroring a transaction counts it once
-- (tests/integration/admin/balance-daily-totals.test.ts).
-- Groups are upserted in key order (day, currency, category), so concurrent writers lock the same
-- rows in the same order and never deadlock; a group whose changes cancel out is not written.
CREATE FUNCTION balance_daily_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added text := 'SELECT created, currency, reporting_category, 1 AS count, amount, fee, net FROM new_rows';
  removed text := 'SELECT created, currency, reporting_category, -1 AS count, -amount AS amount, '
                  '-fee AS fee, -net AS net FROM old_rows';
BEGIN
  -- Each trigger has only its own transition tables, so the query is built for the event.
  EXECUTE format($sql$
    INSERT INTO balance_daily_totals AS t (day, currency, reporting_category, count, amount, fee, net)
    SELECT (created AT TIME ZONE 'UTC')::date, currency, reporting_category,
           sum(count), sum(amount), sum(fee), sum(net)
      FROM (%s) AS change
     GROUP BY 1, 2, 3
    HAVING (sum(count), sum(amount), sum(fee), sum(net)) <> (0, 0, 0, 0)
     ORDER BY 1, 2, 3
    ON CONFLICT (day, currency, reporting_category) DO UPDATE
       SET count = t.count + excluded.count, amount = t.amount + excluded.amount,
           fee = t.fee + excluded.fee, net = t.net + excluded.net$sql$,
    CASE TG_OP WHEN 'INSERT' THEN added
               WHEN 'DELETE' THEN removed
               ELSE added || ' UNION ALL ' || removed END);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION balance_daily_totals_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE balance_daily_totals;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No write to balance_transactions may commit between the triggers' creation and the backfill.
LOCK TABLE balance_transactions IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER balance_daily_totals_insert AFTER INSERT ON balance_transactions
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_daily_totals_apply();
--> statement-breakpoint
CREATE TRIGGER balance_daily_totals_update AFTER UPDATE ON balance_transactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_daily_totals_apply();
--> statement-breakpoint
CREATE TRIGGER balance_daily_totals_delete AFTER DELETE ON balance_transactions
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_daily_totals_apply();
--> statement-breakpoint
CREATE TRIGGER balance_daily_totals_truncate AFTER TRUNCATE ON balance_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION balance_daily_totals_clear();
--> statement-breakpoint
-- The transactions mirrored before this migration.
INSERT INTO balance_daily_totals (day, currency, reporting_category, count, amount, fee, net)
SELECT (created AT TIME ZONE 'UTC')::date, currency, reporting_category,
       count(*), sum(amount), sum(fee), sum(net)
  FROM balance_transactions
 GROUP BY 1, 2, 3;

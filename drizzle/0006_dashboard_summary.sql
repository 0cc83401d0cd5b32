-- Exact per-day summaries of the deviations for the dashboard (electron/core/indicators/summary.ts):
-- the deviations grouped by reported_at and the columns a figure predicate reads, with the row
-- count n. Kept exact by every writer's transaction (touched days recomputed); filled here from
-- the stored rows with the same grouped SELECTs as summary.ts (tested: no difference).
CREATE TABLE `dev_sum_day` (
  `reported_at` text PRIMARY KEY NOT NULL,
  `n` integer NOT NULL,
  `severe` integer NOT NULL,
  `recurring` integer NOT NULL,
  `unanswered` integer NOT NULL,
  `unclosed` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `dev_sum_category_flow` (
  `reported_at` text NOT NULL,
  `category` text NOT NULL,
  `reporting_party_type` text NOT NULL,
  `receiving_party_type` text NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`reported_at`, `category`, `reporting_party_type`, `receiving_party_type`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `dev_sum_kommun` (
  `reported_at` text NOT NULL,
  `kommun_code` text NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`reported_at`, `kommun_code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `dev_sum_answered` (
  `reported_at` text NOT NULL,
  `answered_at` text NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`reported_at`, `answered_at`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `dev_sum_closed` (
  `reported_at` text NOT NULL,
  `closed_at` text NOT NULL,
  `n` integer NOT NULL,
  PRIMARY KEY (`reported_at`, `closed_at`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `dev_sum_day` (`reported_at`, `n`, `severe`, `recurring`, `unanswered`, `unclosed`)
  SELECT d.reported_at, count(*), count(CASE WHEN d.severity >= 3 THEN 1 END), count(CASE WHEN d.recurring = 1 THEN 1 END),
         count(*) - count(d.answered_at), count(*) - count(d.closed_at)
    FROM `deviations` d INDEXED BY `deviations_cohort` GROUP BY d.reported_at;
--> statement-breakpoint
INSERT INTO `dev_sum_category_flow` (`reported_at`, `category`, `reporting_party_type`, `receiving_party_type`, `n`)
  SELECT d.reported_at, d.category, d.reporting_party_type, d.receiving_party_type, count(*) FROM `deviations` d INDEXED BY `deviations_cohort`
   GROUP BY d.reported_at, d.category, d.reporting_party_type, d.receiving_party_type;
--> statement-breakpoint
INSERT INTO `dev_sum_kommun` (`reported_at`, `kommun_code`, `n`)
  SELECT d.reported_at, d.kommun_code, count(*) FROM `deviations` d INDEXED BY `deviations_kommun_reported` GROUP BY d.kommun_code, d.reported_at;
--> statement-breakpoint
INSERT INTO `dev_sum_answered` (`reported_at`, `answered_at`, `n`)
  SELECT d.reported_at, d.answered_at, count(*) FROM `deviations` d INDEXED BY `deviations_cohort` WHERE d.answered_at IS NOT NULL
   GROUP BY d.reported_at, d.answered_at;
--> statement-breakpoint
INSERT INTO `dev_sum_closed` (`reported_at`, `closed_at`, `n`)
  SELECT d.reported_at, d.closed_at, count(*) FROM `deviations` d INDEXED BY `deviations_cohort` WHERE d.closed_at IS NOT NULL
   GROUP BY d.reported_at, d.closed_at;

DROP INDEX `deviations_cohort`;--> statement-breakpoint
ALTER TABLE `deviations` ADD `recurring` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `deviations` SET `recurring` = 1 FROM (
  SELECT `id` AS `rid`, count(*) OVER (PARTITION BY `category`, `reporting_org`, `receiving_org` ORDER BY julianday(`reported_at`) RANGE BETWEEN 364 PRECEDING AND CURRENT ROW) AS `n`
  FROM `deviations`
) AS `w` WHERE `deviations`.`id` = `w`.`rid` AND `w`.`n` >= 3;--> statement-breakpoint
CREATE INDEX `deviations_cohort` ON `deviations` (`reported_at`,`category`,`reporting_party_type`,`receiving_party_type`,`kommun_code`,`severity`,`answered_at`,`closed_at`,`reporting_org`,`receiving_org`,`recurring`);

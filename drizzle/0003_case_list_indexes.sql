CREATE INDEX `deviations_status_reported` ON `deviations` (`status`,`reported_at`);--> statement-breakpoint
CREATE INDEX `deviations_severity_reported` ON `deviations` (`severity`,`reported_at`);--> statement-breakpoint
CREATE INDEX `deviations_reporting_org_reported` ON `deviations` (`reporting_org`,`reported_at`);--> statement-breakpoint
CREATE INDEX `deviations_receiving_org_reported` ON `deviations` (`receiving_org`,`reported_at`);
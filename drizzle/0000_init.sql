CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`changes` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `category_synonyms` (
	`norm` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`category_code` text NOT NULL,
	`user_added` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `category_synonyms_code` ON `category_synonyms` (`category_code`);--> statement-breakpoint
CREATE TABLE `kv` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ref_categories` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ref_kommuner` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`delregion_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ref_organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pattern` text NOT NULL,
	`party_type` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ref_population` (
	`kommun_code` text NOT NULL,
	`year` integer NOT NULL,
	`ref_date` text NOT NULL,
	`value` integer NOT NULL,
	`source` text NOT NULL,
	`imported_batch_id` integer,
	PRIMARY KEY(`kommun_code`, `year`)
);
--> statement-breakpoint
CREATE TABLE `workspace` (
	`id` integer PRIMARY KEY NOT NULL,
	`delregion_id` text NOT NULL,
	`delregion_name` text NOT NULL,
	`deadline_days` integer DEFAULT 60 NOT NULL,
	`user_name` text DEFAULT '' NOT NULL,
	`hmac_secret` blob NOT NULL,
	`public_key_pem` text,
	`private_key_pem` text,
	`small_cell_suppression` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`app_version` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `workspace_kommuner` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`source_system` text NOT NULL,
	`profile_id` integer,
	`imported_at` text NOT NULL,
	`imported_on` text NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`quarantined` integer DEFAULT 0 NOT NULL,
	`outside_delregion` integer DEFAULT 0 NOT NULL,
	`duplicates_in_file` integer DEFAULT 0 NOT NULL,
	`pseudonymised` integer DEFAULT 0 NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_batches_kind` ON `import_batches` (`kind`,`imported_at`);--> statement-breakpoint
CREATE TABLE `mapping_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`header_signature` text NOT NULL,
	`mapping` text NOT NULL,
	`source_system` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mapping_profiles_name_unique` ON `mapping_profiles` (`name`);--> statement-breakpoint
CREATE TABLE `quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`kind` text NOT NULL,
	`row_number` integer NOT NULL,
	`raw` text NOT NULL,
	`errors` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quarantine_batch` ON `quarantine` (`batch_id`);--> statement-breakpoint
CREATE INDEX `quarantine_status` ON `quarantine` (`status`);--> statement-breakpoint
CREATE TABLE `deviation_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deviation_id` integer NOT NULL,
	`version_batch_id` integer,
	`replaced_by_batch_id` integer,
	`replaced_at` text NOT NULL,
	`data` text NOT NULL,
	`content_hash` text NOT NULL,
	FOREIGN KEY (`deviation_id`) REFERENCES `deviations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`replaced_by_batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deviation_history_dev` ON `deviation_history` (`deviation_id`);--> statement-breakpoint
CREATE TABLE `deviations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_system` text NOT NULL,
	`external_id` text NOT NULL,
	`reported_at` text NOT NULL,
	`occurred_at` text,
	`reporting_org` text NOT NULL,
	`reporting_party_type` text NOT NULL,
	`receiving_org` text NOT NULL,
	`receiving_party_type` text NOT NULL,
	`kommun_code` text NOT NULL,
	`kommun` text NOT NULL,
	`category` text NOT NULL,
	`raw_category` text,
	`subcategory` text,
	`severity` integer,
	`status` text NOT NULL,
	`answered_at` text,
	`closed_at` text,
	`description` text,
	`action` text,
	`content_hash` text NOT NULL,
	`batch_id` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deviations_key` ON `deviations` (`source_system`,`external_id`);--> statement-breakpoint
CREATE INDEX `deviations_reported` ON `deviations` (`reported_at`);--> statement-breakpoint
CREATE INDEX `deviations_category_reported` ON `deviations` (`category`,`reported_at`);--> statement-breakpoint
CREATE INDEX `deviations_kommun_reported` ON `deviations` (`kommun_code`,`reported_at`);--> statement-breakpoint
CREATE INDEX `deviations_recurring` ON `deviations` (`category`,`reporting_org`,`receiving_org`,`reported_at`);--> statement-breakpoint
CREATE INDEX `deviations_closed` ON `deviations` (`closed_at`);--> statement-breakpoint
CREATE TABLE `dispute_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dispute_id` integer NOT NULL,
	`at` text NOT NULL,
	`type` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dispute_events_dispute` ON `dispute_events` (`dispute_id`,`at`);--> statement-breakpoint
CREATE TABLE `dispute_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dispute_id` integer NOT NULL,
	`version_batch_id` integer,
	`replaced_by_batch_id` integer,
	`replaced_at` text NOT NULL,
	`data` text NOT NULL,
	`content_hash` text NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`replaced_by_batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dispute_history_dispute` ON `dispute_history` (`dispute_id`);--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_system` text NOT NULL,
	`external_id` text NOT NULL,
	`opened_at` text NOT NULL,
	`party_a` text NOT NULL,
	`party_a_type` text,
	`party_b` text NOT NULL,
	`party_b_type` text,
	`area` text NOT NULL,
	`raw_area` text,
	`summary` text,
	`step2_at` text,
	`step3_at` text,
	`resolved_at` text,
	`resolution_step` integer,
	`outcome` text,
	`settlement_sek` real,
	`temporary_solution` integer DEFAULT false NOT NULL,
	`temporary_solution_text` text,
	`principled` integer DEFAULT false NOT NULL,
	`linked_deviations` text DEFAULT '[]' NOT NULL,
	`origin` text DEFAULT 'import' NOT NULL,
	`content_hash` text NOT NULL,
	`batch_id` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disputes_key` ON `disputes` (`source_system`,`external_id`);--> statement-breakpoint
CREATE INDEX `disputes_opened` ON `disputes` (`opened_at`);--> statement-breakpoint
CREATE INDEX `disputes_resolved` ON `disputes` (`resolved_at`);--> statement-breakpoint
CREATE INDEX `disputes_step3` ON `disputes` (`step3_at`);--> statement-breakpoint
CREATE INDEX `disputes_area` ON `disputes` (`area`);--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_kind` text NOT NULL,
	`case_id` integer NOT NULL,
	`text` text NOT NULL,
	`cause` text,
	`recommended_practice` text,
	`agreement_ref` text,
	`recorded_on` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lessons_case` ON `lessons` (`case_kind`,`case_id`);--> statement-breakpoint
CREATE INDEX `lessons_recorded` ON `lessons` (`recorded_on`);--> statement-breakpoint
CREATE TABLE `precedent_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`precedent_id` text NOT NULL,
	`theirs` text NOT NULL,
	`their_revision` integer NOT NULL,
	`publisher_fingerprint` text NOT NULL,
	`received_at` text NOT NULL,
	`resolved_at` text,
	`resolution` text
);
--> statement-breakpoint
CREATE TABLE `precedents` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`title` text NOT NULL,
	`area` text NOT NULL,
	`agreement_refs` text NOT NULL,
	`tags` text NOT NULL,
	`facts` text DEFAULT '' NOT NULL,
	`question` text DEFAULT '' NOT NULL,
	`resolution` text DEFAULT '' NOT NULL,
	`principle` text NOT NULL,
	`decision_points` text NOT NULL,
	`status` text NOT NULL,
	`superseded_by` text,
	`decided_at` text,
	`origin_delregion` text NOT NULL,
	`origin_publisher` text NOT NULL,
	`origin_key_fingerprint` text,
	`case_hash` text,
	`local_case_kind` text,
	`local_case_id` integer,
	`imported_lessons` text,
	`base_revision` integer,
	`locally_edited` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `precedents_status` ON `precedents` (`status`);--> statement-breakpoint
CREATE INDEX `precedents_area` ON `precedents` (`area`);--> statement-breakpoint
CREATE INDEX `precedents_case` ON `precedents` (`local_case_kind`,`local_case_id`);--> statement-breakpoint
CREATE TABLE `saved_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`as_of` text NOT NULL,
	`deadline_days` integer NOT NULL,
	`summary_text` text DEFAULT '' NOT NULL,
	`analysis_text` text DEFAULT '' NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`file_name` text NOT NULL,
	`figures_hash` text NOT NULL,
	`settings` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `suggestion_dismissals` (
	`case_kind` text NOT NULL,
	`case_id` integer NOT NULL,
	`suggestion_key` text NOT NULL,
	`dismissed_at` text NOT NULL,
	PRIMARY KEY(`case_kind`, `case_id`, `suggestion_key`)
);
--> statement-breakpoint
CREATE TABLE `trusted_keys` (
	`fingerprint` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`publisher_name` text NOT NULL,
	`delregion` text NOT NULL,
	`trusted_at` text NOT NULL
);

CREATE TABLE `organizations` (
	`guid` text PRIMARY KEY NOT NULL,
	`alias` text NOT NULL,
	`name` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`system` integer DEFAULT false NOT NULL,
	`password_min_length` integer DEFAULT 12 NOT NULL,
	`password_max_length` integer DEFAULT 128 NOT NULL,
	`password_require_upper` integer DEFAULT false NOT NULL,
	`password_require_lower` integer DEFAULT false NOT NULL,
	`password_require_digit` integer DEFAULT false NOT NULL,
	`password_require_symbol` integer DEFAULT false NOT NULL,
	`password_history` integer DEFAULT 5 NOT NULL,
	`reset_code_ttl_seconds` integer DEFAULT 3600 NOT NULL,
	`activation_code_ttl_seconds` integer DEFAULT 3600 NOT NULL,
	`lockout_threshold` integer DEFAULT 10 NOT NULL,
	`lockout_window_seconds` integer DEFAULT 900 NOT NULL,
	`lockout_duration_seconds` integer DEFAULT 900 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_alias_uq` ON `organizations` (lower("alias"));--> statement-breakpoint
CREATE TABLE `employees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`org_guid` text NOT NULL,
	`username` text,
	`email` text,
	`phone` text,
	`display_name` text NOT NULL,
	`search_text` text NOT NULL,
	`role` text DEFAULT 'employee' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`instance_admin` integer DEFAULT false NOT NULL,
	`password_hash` text,
	`password_change_required` integer DEFAULT false NOT NULL,
	`password_changed_at` integer,
	`failed_sign_ins` integer DEFAULT 0 NOT NULL,
	`failed_sign_in_window_start` integer,
	`locked_until` integer,
	`last_code_sent_at` integer,
	`sequence` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_guid`) REFERENCES `organizations`(`guid`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employees_guid_unique` ON `employees` (`guid`);--> statement-breakpoint
CREATE UNIQUE INDEX `employees_org_email_uq` ON `employees` (`org_guid`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `employees_org_phone_uq` ON `employees` (`org_guid`,`phone`);--> statement-breakpoint
CREATE UNIQUE INDEX `employees_org_username_uq` ON `employees` (`org_guid`,`username`);--> statement-breakpoint
CREATE INDEX `employees_org_id_idx` ON `employees` (`org_guid`,`id`);--> statement-breakpoint
CREATE INDEX `employees_email_idx` ON `employees` (`email`);--> statement-breakpoint
CREATE INDEX `employees_username_idx` ON `employees` (`username`);--> statement-breakpoint
CREATE TABLE `password_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` integer NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `password_history_employee_idx` ON `password_history` (`employee_id`,`id`);--> statement-breakpoint
CREATE TABLE `outlets` (
	`guid` text PRIMARY KEY NOT NULL,
	`org_guid` text NOT NULL,
	`name` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_guid`) REFERENCES `organizations`(`guid`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outlets_org_name_idx` ON `outlets` (`org_guid`,`name`,`guid`);--> statement-breakpoint
CREATE TABLE `workplaces` (
	`guid` text PRIMARY KEY NOT NULL,
	`org_guid` text NOT NULL,
	`outlet_guid` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`activated_at` integer,
	`activated_by_employee_id` integer,
	`activated_client` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_guid`) REFERENCES `organizations`(`guid`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outlet_guid`) REFERENCES `outlets`(`guid`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activated_by_employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workplaces_org_name_idx` ON `workplaces` (`org_guid`,`name`,`guid`);--> statement-breakpoint
CREATE INDEX `workplaces_outlet_idx` ON `workplaces` (`outlet_guid`);--> statement-breakpoint
CREATE TABLE `activation_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_guid` text NOT NULL,
	`workplace_guid` text NOT NULL,
	`employee_id` integer NOT NULL,
	`outlet_guid` text,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`org_guid`) REFERENCES `organizations`(`guid`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workplace_guid`) REFERENCES `workplaces`(`guid`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outlet_guid`) REFERENCES `outlets`(`guid`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activation_codes_open_hash_uq` ON `activation_codes` (`code_hash`) WHERE consumed_at IS NULL AND revoked_at IS NULL;--> statement-breakpoint
CREATE INDEX `activation_codes_workplace_idx` ON `activation_codes` (`workplace_guid`,`consumed_at`,`revoked_at`);--> statement-breakpoint
CREATE TABLE `reset_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_guid` text NOT NULL,
	`employee_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`org_guid`) REFERENCES `organizations`(`guid`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reset_codes_employee_idx` ON `reset_codes` (`employee_id`,`consumed_at`,`revoked_at`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`org_guid` text NOT NULL,
	`employee_id` integer,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`secret_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer,
	`created_by_employee_id` integer,
	FOREIGN KEY (`org_guid`) REFERENCES `organizations`(`guid`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_prefix_unique` ON `api_tokens` (`prefix`);--> statement-breakpoint
CREATE INDEX `api_tokens_org_idx` ON `api_tokens` (`org_guid`,`created_at`);--> statement-breakpoint
CREATE INDEX `api_tokens_employee_idx` ON `api_tokens` (`employee_id`,`revoked_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_guid` text NOT NULL,
	`employee_id` integer NOT NULL,
	`secret_hash` text NOT NULL,
	`restricted` integer DEFAULT false NOT NULL,
	`ip` text,
	`user_agent` text,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`org_guid`) REFERENCES `organizations`(`guid`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_employee_idx` ON `sessions` (`employee_id`,`revoked_at`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_guid` text,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`outcome` text NOT NULL,
	`reason` text,
	`client` text,
	`ip` text,
	`request_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_org_id_idx` ON `audit_events` (`org_guid`,`id`);--> statement-breakpoint
CREATE INDEX `audit_org_action_idx` ON `audit_events` (`org_guid`,`action`,`id`);--> statement-breakpoint
CREATE INDEX `audit_org_target_idx` ON `audit_events` (`org_guid`,`target_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_org_actor_idx` ON `audit_events` (`org_guid`,`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_ip_action_idx` ON `audit_events` (`ip`,`action`,`id`);--> statement-breakpoint
CREATE TABLE `outbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_guid` text NOT NULL,
	`employee_id` integer,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`provider` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`scrubbed` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_org_idx` ON `outbox_messages` (`org_guid`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_records` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_start` integer NOT NULL,
	`blocked_until` integer
);

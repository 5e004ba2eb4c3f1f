ALTER TABLE `organizations` ADD `token_expiry_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `created_by_token_id` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `kept_by_owner` integer DEFAULT false NOT NULL;
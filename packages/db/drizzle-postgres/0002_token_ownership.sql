ALTER TABLE "organizations" ADD COLUMN "token_expiry_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "created_by_token_id" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "kept_by_owner" boolean DEFAULT false NOT NULL;
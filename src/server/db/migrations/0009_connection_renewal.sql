ALTER TABLE "channel_connections" ADD COLUMN "refresh_token_sealed" text;--> statement-breakpoint
ALTER TABLE "channel_connections" ADD COLUMN "app_id" text;--> statement-breakpoint
ALTER TABLE "channel_connections" ADD COLUMN "app_secret_sealed" text;--> statement-breakpoint
ALTER TABLE "channel_connections" ADD COLUMN "status_reason" text;
ALTER TABLE "units" ADD COLUMN "contact_address" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "content_responsible" text;
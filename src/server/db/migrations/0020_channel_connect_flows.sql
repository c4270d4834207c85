CREATE TABLE "channel_connect_flows" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"channel_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"verifier_sealed" text,
	"choice_hash" text,
	"user_token_sealed" text,
	"pages" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_connect_flows_choice_hash_unique" UNIQUE("choice_hash")
);
--> statement-breakpoint
CREATE INDEX "channel_connect_flows_created_idx" ON "channel_connect_flows" USING btree ("created_at");
CREATE TABLE "channel_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "channel_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"change" text NOT NULL,
	"status" text NOT NULL,
	"from_unit_id" uuid,
	"details" jsonb,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"key" text NOT NULL,
	"url" text NOT NULL,
	"display_name" text NOT NULL,
	"search_key" text NOT NULL,
	"handle" text,
	"platform_id" text,
	"avatar_url" text,
	"responsible_person_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"follower_count" integer,
	"followers_counted_on" date,
	"removed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "channel_history_channel_idx" ON "channel_history" USING btree ("channel_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_key_idx" ON "channels" USING btree ("key") WHERE "channels"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "channels_unit_idx" ON "channels" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "channels_search_trgm_idx" ON "channels" USING gin ("search_key" gin_trgm_ops);
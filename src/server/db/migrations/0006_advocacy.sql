CREATE TABLE "campaign_follower_counts" (
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"on_date" date NOT NULL,
	"followers" integer NOT NULL,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_follower_counts_campaign_id_on_date_pk" PRIMARY KEY("campaign_id","on_date")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"goal_kind" text NOT NULL,
	"goal_target" integer NOT NULL,
	"channel_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"unit_ids" uuid[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kit_shares" (
	"kit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"method" text DEFAULT 'other' NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kit_shares_kit_id_person_id_pk" PRIMARY KEY("kit_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "link_hits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"link_id" uuid NOT NULL,
	"kit_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"referrer_domain" text,
	"device" text NOT NULL,
	"visitor_hash" text,
	"hits" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ranking_consents" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"purpose_version" text NOT NULL,
	"purpose_text" text NOT NULL,
	"consented_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_kits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"post_id" uuid,
	"channel_id" uuid,
	"target_url" text NOT NULL,
	"title" text NOT NULL,
	"captions" text[] NOT NULL,
	"target_unit_ids" uuid[] NOT NULL,
	"campaign_id" uuid,
	"expires_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visitor_salts" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "campaigns_unit_idx" ON "campaigns" USING btree ("unit_id","starts_on");--> statement-breakpoint
CREATE INDEX "kit_shares_person_idx" ON "kit_shares" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "link_hits_kit_idx" ON "link_hits" USING btree ("kit_id","at");--> statement-breakpoint
CREATE INDEX "link_hits_link_idx" ON "link_hits" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "share_kits_unit_idx" ON "share_kits" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "share_kits_campaign_idx" ON "share_kits" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "share_kits_targets_idx" ON "share_kits" USING gin ("target_unit_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "share_links_code_idx" ON "share_links" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "share_links_kit_person_idx" ON "share_links" USING btree ("kit_id","person_id");--> statement-breakpoint
CREATE INDEX "share_links_person_idx" ON "share_links" USING btree ("person_id");
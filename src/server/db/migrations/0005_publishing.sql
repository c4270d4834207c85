CREATE TABLE "media_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"duration_seconds" integer,
	"alt_text" text NOT NULL,
	"original_name" text,
	"storage_key" text NOT NULL,
	"thumbnail_key" text,
	"sha256" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approval_policies" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"approver_roles" text[] NOT NULL,
	"sensitive_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"second_approver_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_connections" (
	"channel_id" uuid PRIMARY KEY NOT NULL,
	"connector" text NOT NULL,
	"base_url" text,
	"account_id" text,
	"token_sealed" text,
	"token_expires_at" timestamp with time zone,
	"status" text DEFAULT 'connected' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"target" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"title" text,
	"body" text DEFAULT '' NOT NULL,
	"link_url" text,
	"media_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content_version" integer DEFAULT 1 NOT NULL,
	"scheduled_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"external_id" text,
	"external_url" text,
	"failure" jsonb,
	"last_rejection" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_versions" (
	"post_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_versions_post_id_version_pk" PRIMARY KEY("post_id","version")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body_html" text DEFAULT '' NOT NULL,
	"summary" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"media_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"slug" text NOT NULL,
	"author_id" uuid,
	"credited_person_id" uuid,
	"origin" text DEFAULT 'desk' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "publish_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"external_id" text,
	"error" jsonb
);
--> statement-breakpoint
CREATE TABLE "variant_approvals" (
	"variant_id" uuid NOT NULL,
	"content_version" integer NOT NULL,
	"level" integer NOT NULL,
	"approver_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "variant_approvals_variant_id_content_version_level_pk" PRIMARY KEY("variant_id","content_version","level")
);
--> statement-breakpoint
CREATE TABLE "variant_transitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "variant_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"variant_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "media_items_unit_idx" ON "media_items" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "post_variants_post_idx" ON "post_variants" USING btree ("post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "post_variants_post_channel_idx" ON "post_variants" USING btree ("post_id","channel_id");--> statement-breakpoint
CREATE INDEX "post_variants_schedule_idx" ON "post_variants" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "posts_unit_idx" ON "posts" USING btree ("unit_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_unit_slug_idx" ON "posts" USING btree ("unit_id","slug");--> statement-breakpoint
CREATE INDEX "publish_attempts_variant_idx" ON "publish_attempts" USING btree ("variant_id","started_at");--> statement-breakpoint
CREATE INDEX "variant_transitions_variant_idx" ON "variant_transitions" USING btree ("variant_id","id");
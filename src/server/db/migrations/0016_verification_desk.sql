CREATE TABLE "channel_impersonations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"platform" text,
	"url" text NOT NULL,
	"display_name" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"source_id" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "impersonation_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"case_id" uuid,
	"source" text NOT NULL,
	"url" text NOT NULL,
	"url_key" text,
	"platform" text,
	"display_name" text NOT NULL,
	"handle" text,
	"avatar_file_id" uuid,
	"avatar_phash" text,
	"score" real NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"channel_id" uuid,
	"status" text DEFAULT 'candidate' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scam_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"display" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "verification_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"claim_text" text DEFAULT '' NOT NULL,
	"folded_text" text DEFAULT '' NOT NULL,
	"url" text,
	"url_key" text,
	"category" text,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"due_at" timestamp with time zone,
	"assignee_id" uuid,
	"demand_count" integer DEFAULT 1 NOT NULL,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"merged_into_id" uuid,
	"first_action_at" timestamp with time zone,
	"verdict_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_checklists" (
	"unit_id" uuid NOT NULL,
	"category" text NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"url" text,
	"title" text,
	"note" text,
	"authoritative" boolean DEFAULT false NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "verification_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"tip_id" uuid,
	"evidence_id" uuid,
	"mime_type" text NOT NULL,
	"file_name" text,
	"byte_size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"sha256" text NOT NULL,
	"phash" text,
	"content" "bytea" NOT NULL,
	"ocr_status" text DEFAULT 'none' NOT NULL,
	"ocr_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_fingerprints" (
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"candidate_case_id" uuid NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_tips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"source" text NOT NULL,
	"tracking_code" text NOT NULL,
	"url" text,
	"url_key" text,
	"text" text,
	"email" text,
	"reporter_id" uuid,
	"match" text NOT NULL,
	"match_score" real,
	"notified_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_verdict_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verdict_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"label_before" text,
	"label_after" text NOT NULL,
	"note" text NOT NULL,
	"changed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_verdicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"label" text NOT NULL,
	"claim_reviewed" text NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"drafted_by" uuid,
	"signed_off_by" uuid,
	"signed_off_at" timestamp with time zone,
	"post_id" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "channel_impersonations_key_idx" ON "channel_impersonations" USING btree ("key") WHERE lifted_at is null;--> statement-breakpoint
CREATE INDEX "impersonation_candidates_unit_idx" ON "impersonation_candidates" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "impersonation_candidates_key_idx" ON "impersonation_candidates" USING btree ("url_key");--> statement-breakpoint
CREATE UNIQUE INDEX "scam_indicators_case_value_idx" ON "scam_indicators" USING btree ("case_id","kind","value");--> statement-breakpoint
CREATE INDEX "scam_indicators_lookup_idx" ON "scam_indicators" USING btree ("kind","value") WHERE removed_at is null;--> statement-breakpoint
CREATE INDEX "verification_cases_unit_status_idx" ON "verification_cases" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "verification_cases_created_idx" ON "verification_cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "verification_cases_url_key_idx" ON "verification_cases" USING btree ("url_key");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_checklists_unit_category_idx" ON "verification_checklists" USING btree ("unit_id","category");--> statement-breakpoint
CREATE INDEX "verification_events_case_idx" ON "verification_events" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "verification_evidence_case_idx" ON "verification_evidence" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "verification_files_case_idx" ON "verification_files" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "verification_files_tip_idx" ON "verification_files" USING btree ("tip_id");--> statement-breakpoint
CREATE INDEX "verification_fingerprints_lookup_idx" ON "verification_fingerprints" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "verification_fingerprints_case_idx" ON "verification_fingerprints" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_suggestions_pair_idx" ON "verification_suggestions" USING btree ("case_id","candidate_case_id");--> statement-breakpoint
CREATE INDEX "verification_suggestions_candidate_idx" ON "verification_suggestions" USING btree ("candidate_case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_tips_tracking_code_idx" ON "verification_tips" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "verification_tips_case_idx" ON "verification_tips" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_verdict_changes_version_idx" ON "verification_verdict_changes" USING btree ("verdict_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_verdicts_case_idx" ON "verification_verdicts" USING btree ("case_id");
CREATE TABLE "account_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"key" text NOT NULL,
	"url" text NOT NULL,
	"display_name" text NOT NULL,
	"real_name" boolean NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"purpose_version" text NOT NULL,
	"purpose_text" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"declaration_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"happened_at" timestamp with time zone NOT NULL,
	"description" text,
	"impersonator_url" text,
	"alerted_count" integer DEFAULT 0 NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_reminders" (
	"request_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"reminder" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declaration_reminders_request_id_person_id_reminder_pk" PRIMARY KEY("request_id","person_id","reminder")
);
--> statement-breakpoint
CREATE TABLE "declaration_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"message" text,
	"due_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "declaration_responses" (
	"request_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"declaration_count" integer NOT NULL,
	"responded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declaration_responses_request_id_person_id_pk" PRIMARY KEY("request_id","person_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "account_declarations_person_key_idx" ON "account_declarations" USING btree ("person_id","key");--> statement-breakpoint
CREATE INDEX "account_reports_unit_idx" ON "account_reports" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "account_reports_declaration_idx" ON "account_reports" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "declaration_requests_unit_idx" ON "declaration_requests" USING btree ("unit_id");
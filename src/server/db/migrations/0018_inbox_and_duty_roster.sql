CREATE TABLE "duty_assignments" (
	"shift_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"is_leader" boolean DEFAULT false NOT NULL,
	CONSTRAINT "duty_assignments_shift_id_person_id_pk" PRIMARY KEY("shift_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "duty_away" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "duty_holidays" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "duty_holidays_unit_id_day_pk" PRIMARY KEY("unit_id","day")
);
--> statement-breakpoint
CREATE TABLE "duty_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"slot_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_swaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"from_person_id" uuid NOT NULL,
	"to_person_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inbox_canned_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"shortcut" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"source" text NOT NULL,
	"channel_key" text NOT NULL,
	"external_id" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"channel_id" uuid,
	"channel_key" text NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"thread_key" text NOT NULL,
	"post_external_id" text,
	"post_excerpt" text,
	"status" text DEFAULT 'open' NOT NULL,
	"pending_reason" text,
	"assignee_id" uuid,
	"labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"last_message_preview" text DEFAULT '' NOT NULL,
	"message_count" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_incoming_at" timestamp with time zone,
	"first_response_due_at" timestamp with time zone,
	"first_responded_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"first_response_breached_at" timestamp with time zone,
	"resolution_breached_at" timestamp with time zone,
	"escalation_stage" integer DEFAULT 0 NOT NULL,
	"escalated_to_unit_id" uuid,
	"escalated_to_office_id" uuid,
	"escalated_at" timestamp with time zone,
	"auto_replied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"body" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "inbox_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"external_id" text,
	"channel_key" text NOT NULL,
	"author_id" uuid,
	"text" text DEFAULT '' NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"send_status" text,
	"send_error" text,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_offices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_published_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"conversation_id" uuid,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_settings" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"first_response_minutes" integer DEFAULT 60 NOT NULL,
	"resolution_hours" integer DEFAULT 8 NOT NULL,
	"warn_before_minutes" integer DEFAULT 15 NOT NULL,
	"retention_months" integer DEFAULT 24 NOT NULL,
	"auto_reply_text" text,
	"auto_reply_enabled" boolean DEFAULT true NOT NULL,
	"round_robin_last_person_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_webhook_refusals" (
	"day" date NOT NULL,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "inbox_webhook_refusals_day_source_reason_pk" PRIMARY KEY("day","source","reason")
);
--> statement-breakpoint
CREATE INDEX "duty_assignments_person" ON "duty_assignments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "duty_shifts_unit_time" ON "duty_shifts" USING btree ("unit_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_shifts_unit_slot_day" ON "duty_shifts" USING btree ("unit_id","slot_id","day");--> statement-breakpoint
CREATE INDEX "duty_swaps_to" ON "duty_swaps" USING btree ("to_person_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_canned_replies_shortcut" ON "inbox_canned_replies" USING btree ("unit_id","shortcut");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_contacts_key" ON "inbox_contacts" USING btree ("channel_key","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_conversations_thread" ON "inbox_conversations" USING btree ("thread_key");--> statement-breakpoint
CREATE INDEX "inbox_conversations_unit_recent" ON "inbox_conversations" USING btree ("unit_id","last_message_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "inbox_conversations_unit_status" ON "inbox_conversations" USING btree ("unit_id","status","last_message_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "inbox_conversations_assignee" ON "inbox_conversations" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "inbox_conversations_escalated" ON "inbox_conversations" USING btree ("escalated_to_unit_id");--> statement-breakpoint
CREATE INDEX "inbox_conversations_contact" ON "inbox_conversations" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "inbox_conversations_first_due" ON "inbox_conversations" USING btree ("first_response_due_at") WHERE "inbox_conversations"."first_responded_at" is null and "inbox_conversations"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "inbox_conversations_resolution_due" ON "inbox_conversations" USING btree ("resolution_due_at") WHERE "inbox_conversations"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "inbox_conversations_search" ON "inbox_conversations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "inbox_deliveries_waiting" ON "inbox_deliveries" USING btree ("id") WHERE "inbox_deliveries"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "inbox_deliveries_received" ON "inbox_deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "inbox_events_conversation" ON "inbox_events" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_messages_external" ON "inbox_messages" USING btree ("channel_key","external_id") WHERE "inbox_messages"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "inbox_messages_conversation" ON "inbox_messages" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "inbox_published_answers_unit" ON "inbox_published_answers" USING btree ("unit_id","published_at" DESC NULLS LAST);
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  accountReportKindValues,
  declarationPlatformValues,
  declarationStatusValues,
} from "../../../shared/api/declarations.ts";

/**
 * A public account a member says they run (Regulation 85). Only the member enters it; nothing is
 * ever fetched from the account. Readable by the member and by holders of `declarations.view`.
 */
export const accountDeclarations = pgTable(
  "account_declarations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id").notNull(),
    platform: text("platform", { enum: declarationPlatformValues }).notNull(),
    /** The canonical key of the URL, so one account is declared once however its address was typed. */
    key: text("key").notNull(),
    url: text("url").notNull(),
    displayName: text("display_name").notNull(),
    /** Whether the account is published under the member's real name. */
    realName: boolean("real_name").notNull(),
    status: text("status", { enum: declarationStatusValues }).notNull().default("active"),
    statusSince: timestamp("status_since", { withTimezone: true }).notNull().defaultNow(),
    /** The purpose text exactly as it was shown when the member consented, and its version. */
    purposeVersion: text("purpose_version").notNull(),
    purposeText: text("purpose_text").notNull(),
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Also serves "the declarations of a person", being led by person_id.
  (t) => [uniqueIndex("account_declarations_person_key_idx").on(t.personId, t.key)],
);

/**
 * A member's report that one of their declared accounts was taken over, or that someone
 * impersonates it; the unit's administrators are alerted at once and see it here.
 */
export const accountReports = pgTable(
  "account_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    declarationId: uuid("declaration_id").notNull(),
    personId: uuid("person_id").notNull(),
    /** The member's unit when they reported: the alert goes up from there. */
    unitId: uuid("unit_id").notNull(),
    kind: text("kind", { enum: accountReportKindValues }).notNull(),
    /** When it happened, as the member says. */
    happenedAt: timestamp("happened_at", { withTimezone: true }).notNull(),
    description: text("description"),
    /** For impersonation: the address of the fake account, as the member gives it. */
    impersonatorUrl: text("impersonator_url"),
    alertedCount: integer("alerted_count").notNull().default(0),
    acknowledgedBy: uuid("acknowledged_by"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("account_reports_unit_idx").on(t.unitId, t.createdAt),
    index("account_reports_declaration_idx").on(t.declarationId),
  ],
);

/** An administrator's request that everyone in a subtree review their declarations by a date. */
export const declarationRequests = pgTable(
  "declaration_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The top of the subtree asked. */
    unitId: uuid("unit_id").notNull(),
    title: text("title").notNull(),
    message: text("message"),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("declaration_requests_unit_idx").on(t.unitId)],
);

/** A member's answer to a request: they reviewed their declarations (and updated them if needed). */
export const declarationResponses = pgTable(
  "declaration_responses",
  {
    requestId: uuid("request_id").notNull(),
    personId: uuid("person_id").notNull(),
    /** How many accounts they had declared when they confirmed. */
    declarationCount: integer("declaration_count").notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.personId] })],
);

/** Which reminder went to whom, so a retried or repeated job never mails anyone twice. */
export const declarationReminders = pgTable(
  "declaration_reminders",
  {
    requestId: uuid("request_id").notNull(),
    personId: uuid("person_id").notNull(),
    reminder: text("reminder").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.personId, t.reminder] })],
);

import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * What the app tells one person (the bell in the header): a line in each language and where to go.
 * Written by other modules through the notifications module's index; read and marked read by the
 * recipient only.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipientId: uuid("recipient_id").notNull(),
    /** What happened, as the sending module names it (e.g. `publishing.approval_requested`). */
    kind: text("kind").notNull(),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en").notNull(),
    bodyVi: text("body_vi"),
    bodyEn: text("body_en"),
    /** An address inside the app (`/posts/<id>`), never an outside one. */
    link: text("link"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notifications_recipient_idx").on(t.recipientId, t.createdAt)],
);

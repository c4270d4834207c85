import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Owned by the http layer (`src/server/http/rate-limit-store.ts`): the sign-in rate limits' counts, so
 * that every instance on one PostgreSQL counts the same attempts. UNLOGGED in its migration (nothing
 * here needs to survive a crash of the database); an expired row is reset by the next attempt.
 */
export const httpRateLimits = pgTable("http_rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetsAt: timestamp("resets_at", { withTimezone: true }).notNull(),
});

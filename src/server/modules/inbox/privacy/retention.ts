import { inArray, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../../db/client.ts";
import { inboxContacts, inboxConversations, inboxEvents, inboxMessages } from "../../../db/schema/inbox.ts";
import { recordAudit } from "../../../platform/audit.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies, StopWorker } from "../../../platform/module.ts";
import { publishConversationEvent } from "../live/bus.ts";

/*
 * Retention: conversations whose last message is older than their unit's retention (inbox_settings,
 * 24 months where the unit set none) are purged with their messages and timelines, then the contacts
 * left without any conversation. In batches, each its own transaction, so a big first purge neither
 * holds long locks nor grows one huge transaction. Runs shortly after start and then daily; several
 * instances running it at once only delete the same rows.
 */

const log = loggerFor("inbox");
export const DEFAULT_RETENTION_MONTHS = 24;
const BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A contact just created by a delivery may not have its conversation yet: leave young ones alone. */
const CONTACT_GRACE = "1 day";

export interface PurgeResult {
  conversations: number;
  messages: number;
  contacts: number;
}

export async function purgeExpiredConversations(db: Executor, now = new Date()): Promise<PurgeResult> {
  const result: PurgeResult = { conversations: 0, messages: 0, contacts: 0 };
  const at = now.toISOString();
  for (;;) {
    const expired = await queryRows<{ id: string; unit_id: string }>(
      db,
      sql`select c.id, c.unit_id from inbox_conversations c
        left join inbox_settings s on s.unit_id = c.unit_id
        where c.last_message_at < ${at}::timestamptz
          - make_interval(months => coalesce(s.retention_months, ${DEFAULT_RETENTION_MONTHS}))
        limit ${BATCH}`,
    );
    if (expired.length === 0) {
      break;
    }
    const ids = expired.map((row) => row.id);
    const messages = await db.transaction(async (tx) => {
      const deleted = await tx
        .delete(inboxMessages)
        .where(inArray(inboxMessages.conversationId, ids))
        .returning({ id: inboxMessages.id });
      await tx.delete(inboxEvents).where(inArray(inboxEvents.conversationId, ids));
      await tx.delete(inboxConversations).where(inArray(inboxConversations.id, ids));
      return deleted.length;
    });
    result.conversations += ids.length;
    result.messages += messages;
    for (const row of expired) {
      publishConversationEvent({ id: row.id, unitId: row.unit_id, reason: "deleted" });
    }
    if (expired.length < BATCH) {
      break;
    }
  }
  for (;;) {
    const orphans = await queryRows<{ id: string }>(
      db,
      sql`select ct.id from inbox_contacts ct
        where ct.created_at < ${at}::timestamptz - interval '${sql.raw(CONTACT_GRACE)}'
          and not exists (select 1 from inbox_conversations c where c.contact_id = ct.id)
        limit ${BATCH}`,
    );
    if (orphans.length === 0) {
      break;
    }
    await db.delete(inboxContacts).where(
      inArray(
        inboxContacts.id,
        orphans.map((row) => row.id),
      ),
    );
    result.contacts += orphans.length;
    if (orphans.length < BATCH) {
      break;
    }
  }
  if (result.conversations > 0 || result.contacts > 0) {
    await recordAudit(db, {
      actor: null,
      actorLabel: "retention",
      action: "inbox.retention.purge",
      ip: null,
      details: { ...result },
    });
  }
  return result;
}

/** Purges once a minute after start, then every day; returns what stops it. */
export async function startRetentionWorker(deps: AppDependencies): Promise<StopWorker | undefined> {
  const db = deps.database.db;
  let running = false;
  const run = async () => {
    if (running) {
      return;
    }
    running = true;
    try {
      const purged = await purgeExpiredConversations(db);
      if (purged.conversations > 0 || purged.contacts > 0) {
        log.info(purged, "inbox retention purged expired conversations");
      }
    } catch (error) {
      log.error({ err: error }, "inbox retention purge failed");
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 60_000);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}

import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { notifications } from "../../db/schema/index.ts";
import { notificationErrors } from "./errors.ts";

/*
 * What the app tells a person. Other modules write through `notify` (inside their own transaction,
 * so a notice exists only if what it reports happened); each person reads and marks only their own.
 */

/** A line in each language. */
export interface Words {
  vi: string;
  en: string;
}

/** One notice to send, the same to every recipient. */
export interface Notice {
  /** What happened, named by the sending module (`publishing.approval_requested`). */
  kind: string;
  title: Words;
  body?: Words | null;
  /** An address inside the app (`/posts/<id>`). */
  link?: string | null;
}

/** Tells each recipient (each once, whatever the list repeats); returns how many were told. */
export async function notify(db: Executor, recipientIds: readonly string[], notice: Notice): Promise<number> {
  const recipients = [...new Set(recipientIds)];
  if (recipients.length === 0) {
    return 0;
  }
  await db.insert(notifications).values(
    recipients.map((recipientId) => ({
      recipientId,
      kind: notice.kind,
      titleVi: notice.title.vi,
      titleEn: notice.title.en,
      bodyVi: notice.body?.vi ?? null,
      bodyEn: notice.body?.en ?? null,
      link: notice.link ?? null,
    })),
  );
  return recipients.length;
}

type NotificationRow = typeof notifications.$inferSelect;

function notificationView(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: { vi: row.titleVi, en: row.titleEn },
    body: row.bodyVi !== null && row.bodyEn !== null ? { vi: row.bodyVi, en: row.bodyEn } : null,
    link: row.link,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

/** How many of the person's notices are not read yet. */
export async function unreadCount(db: Executor, personId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, personId), isNull(notifications.readAt)));
  return row?.total ?? 0;
}

/** The person's notices, newest first, a page at a time (only the unread ones when asked). */
export async function listNotifications(
  db: Executor,
  personId: string,
  options: { limit: number; offset: number; unreadOnly?: boolean | undefined },
) {
  const where = and(
    eq(notifications.recipientId, personId),
    options.unreadOnly ? isNull(notifications.readAt) : undefined,
  );
  const [rows, [total], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(notifications).where(where),
    unreadCount(db, personId),
  ]);
  return { items: rows.map(notificationView), total: total?.total ?? 0, unread };
}

/** Marks one of the person's notices read; someone else's is as unknown as a missing one. */
export async function markRead(db: Executor, personId: string, id: string): Promise<number> {
  const [row] = await db
    .select({ id: notifications.id, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, personId)));
  if (!row) {
    throw notificationErrors.notFound();
  }
  if (row.readAt) {
    return 0;
  }
  await db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id));
  return 1;
}

/** Marks every unread notice of the person read; returns how many there were. */
export async function markAllRead(db: Executor, personId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.recipientId, personId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

import type { ConversationListItem } from "../../../../shared/api/inbox-conversations.ts";
import type { Executor } from "../../../db/client.ts";
import { channelNames } from "../../channels/index.ts";
import { personNames, unitSummaries } from "../../org/index.ts";
import type { ConversationRow } from "./access.ts";

/** What the portal's "Hỏi đáp" form is called where a channel's name would be. */
export const PORTAL_CHANNEL_NAME = "Hỏi đáp trên trang tin";

export type ListedRow = Pick<
  ConversationRow,
  | "id"
  | "unitId"
  | "channelId"
  | "source"
  | "kind"
  | "status"
  | "pendingReason"
  | "assigneeId"
  | "labels"
  | "lastMessagePreview"
  | "lastMessageAt"
  | "messageCount"
  | "firstResponseDueAt"
  | "firstRespondedAt"
  | "resolutionDueAt"
  | "warnedAt"
  | "firstResponseBreachedAt"
  | "resolutionBreachedAt"
  | "escalatedToUnitId"
  | "escalatedToOfficeId"
> & { contactName: string | null };

/** The target still running: the first response until it is given, then the resolution. */
export function dueAtOf(row: ListedRow): Date | null {
  if (row.status === "resolved") {
    return null;
  }
  return row.firstRespondedAt === null ? row.firstResponseDueAt : row.resolutionDueAt;
}

/** Names of units, channels and assignees of a page, one query each (never one per row). */
export async function presentRows(db: Executor, rows: readonly ListedRow[]): Promise<ConversationListItem[]> {
  const [units, channels, people] = await Promise.all([
    unitSummaries(
      db,
      rows.map((row) => row.unitId),
    ),
    channelNames(
      db,
      rows.flatMap((row) => (row.channelId ? [row.channelId] : [])),
    ),
    personNames(
      db,
      rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : [])),
    ),
  ]);
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unitId,
    unitName: units.get(row.unitId)?.name ?? "",
    source: row.source,
    kind: row.kind,
    channelName: row.channelId ? (channels.get(row.channelId) ?? "") : PORTAL_CHANNEL_NAME,
    contactName: row.contactName ?? "",
    status: row.status,
    pendingReason: row.pendingReason,
    assignee: row.assigneeId ? { id: row.assigneeId, fullName: people.get(row.assigneeId) ?? "" } : null,
    labels: row.labels,
    lastMessagePreview: row.lastMessagePreview,
    lastMessageAt: row.lastMessageAt,
    messageCount: row.messageCount,
    dueAt: dueAtOf(row),
    warned: row.warnedAt !== null && row.status !== "resolved",
    breached: row.firstResponseBreachedAt !== null || row.resolutionBreachedAt !== null,
    escalated: row.escalatedToUnitId !== null || row.escalatedToOfficeId !== null,
  }));
}

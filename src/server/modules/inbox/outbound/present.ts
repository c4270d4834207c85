import type { InboxMessage } from "../../../../shared/api/inbox.ts";
import type { Executor } from "../../../db/client.ts";
import type { inboxMessages } from "../../../db/schema/inbox.ts";
import { personNames } from "../../org/index.ts";
import type { ConversationRow } from "../conversations/access.ts";

/** One reply as the contract shows it (the author named; a pending route never leaves the server). */
export async function presentMessage(
  db: Executor,
  row: typeof inboxMessages.$inferSelect,
  conversation: Pick<ConversationRow, "kind">,
): Promise<InboxMessage> {
  const names = row.authorId ? await personNames(db, [row.authorId]) : new Map<string, string>();
  return {
    id: row.id,
    direction: row.direction,
    text: row.text,
    attachments: row.attachments,
    author: row.authorId ? { id: row.authorId, fullName: names.get(row.authorId) ?? "" } : null,
    mentions: [],
    sendStatus: row.sendStatus,
    sendError: row.sendError,
    hidden: row.hidden,
    isComment: row.direction === "in" && conversation.kind === "comment" && row.externalId !== null,
    createdAt: row.createdAt,
  };
}

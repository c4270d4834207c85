import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { type InboxAttachment, inboxContacts } from "../../../db/schema/inbox.ts";
import { bilingualLetter } from "../../../mail/letter.ts";
import { queueMail } from "../../../mail/mailer.ts";
import type { AppDependencies } from "../../../platform/module.ts";
import { unitSummaries } from "../../org/index.ts";
import { connectionForReply } from "../../publishing/index.ts";
import type { ConversationRow } from "../conversations/access.ts";
import { replyErrors } from "./errors.ts";
import { replyToComment, sendMessenger } from "./messenger.ts";
import type { SendResult } from "./platform-call.ts";
import { sendZaloText } from "./zalo-cs.ts";

/*
 * How one reply reaches the citizen: the platform the conversation came from, chosen from the
 * conversation and the reply's route. A reply's route (public or private answer to which comment) is
 * kept in its external id while it is not sent ("pending:<mode>:<comment id>:<message id>"), so a
 * retry after a restart goes the same way; once sent, the platform's own id replaces it.
 */

export type ReplyMode = "message" | "public" | "private" | "email";

export interface ReplyRoute {
  mode: ReplyMode;
  /** The citizen's comment answered (comments only). */
  commentExternalId: string | null;
  /** Messenger between 24 hours and 7 days: the human-agent tag. */
  humanAgent?: boolean;
}

const PENDING = "pending:";

export function pendingExternalId(route: ReplyRoute, messageId: string): string {
  return `${PENDING}${route.mode}:${route.commentExternalId ?? ""}:${messageId}`;
}

export function routeOfPending(externalId: string | null): ReplyRoute | null {
  if (!externalId?.startsWith(PENDING)) {
    return null;
  }
  const [mode, comment] = externalId.slice(PENDING.length).split(":");
  return { mode: (mode as ReplyMode) ?? "message", commentExternalId: comment || null };
}

/** The route a new reply takes on this conversation. */
export function modeOf(
  conversation: ConversationRow,
  commentMode: "public" | "private" | undefined,
): ReplyMode {
  if (conversation.source === "portal") {
    return "email";
  }
  if (conversation.kind === "comment") {
    return commentMode ?? "public";
  }
  return "message";
}

export interface Connection {
  baseUrl: string;
  accountId: string | null;
  token: string;
}

/** The channel's connection with its token, or the refusal the officer reads (before anything is written). */
export async function replyConnection(
  deps: AppDependencies,
  db: Executor,
  conversation: ConversationRow,
): Promise<Connection | null> {
  if (conversation.source === "portal") {
    return null;
  }
  const connection = conversation.channelId
    ? await connectionForReply(db, conversation.channelId, {
        secretKey: deps.config.secretKey(),
        apis: deps.config.platformApis,
      })
    : null;
  if (!connection?.token || connection.status !== "connected") {
    throw replyErrors.channelNotConnected();
  }
  if (conversation.source === "facebook" && !connection.accountId) {
    throw replyErrors.channelNotConnected();
  }
  return { baseUrl: connection.baseUrl, accountId: connection.accountId, token: connection.token };
}

async function contactOf(db: Executor, contactId: string) {
  const [contact] = await db.select().from(inboxContacts).where(eq(inboxContacts.id, contactId));
  return contact ?? null;
}

const notConnected: SendResult = {
  ok: false,
  code: "not_connected",
  vi: "Kênh chưa được kết nối hoặc cần kết nối lại; vui lòng nhờ quản trị viên kết nối lại kênh, rồi bấm Gửi lại.",
  en: "The channel is not connected or needs reconnecting; please ask an administrator to reconnect it, then press Retry.",
};

/** Calls the platform (or queues the e-mail). Never throws for the platform's refusals. */
export async function deliver(
  deps: AppDependencies,
  conversation: ConversationRow,
  reply: { id: string; text: string; attachments: InboxAttachment[] },
  route: ReplyRoute,
): Promise<SendResult> {
  const db = deps.database.db;
  const contact = await contactOf(db, conversation.contactId);
  if (!contact) {
    return {
      ok: false,
      code: "contact_gone",
      vi: "Người dân này đã được xóa khỏi hộp thư theo yêu cầu, nên không gửi được.",
      en: "This citizen was erased from the inbox on request, so nothing can be sent.",
    };
  }
  const imageUrls = reply.attachments.filter((a) => a.kind === "image").map((a) => a.url);
  if (route.mode === "email") {
    if (!contact.email) {
      return {
        ok: false,
        code: "no_email",
        vi: "Người hỏi không để lại địa chỉ e-mail, nên không gửi được câu trả lời.",
        en: "The asker left no e-mail address, so the answer cannot be sent.",
      };
    }
    const unitName = (await unitSummaries(db, [conversation.unitId])).get(conversation.unitId)?.name ?? "";
    await queueMail(deps.jobs, {
      to: contact.email,
      subject: `${unitName} trả lời câu hỏi của bạn / An answer to your question`,
      text: bilingualLetter({
        to: contact.displayName || "bạn",
        vi: [`${unitName} trả lời câu hỏi bạn gửi qua trang tin của đơn vị:`, "", reply.text],
        en: [`${unitName} answered the question you sent through its portal (above, in Vietnamese).`],
      }),
    });
    return { ok: true, externalId: "" };
  }
  let connection: Connection | null;
  try {
    connection = await replyConnection(deps, db, conversation);
  } catch {
    return notConnected;
  }
  if (!connection) {
    return notConnected;
  }
  if (conversation.source === "zalo") {
    return sendZaloText(
      { baseUrl: connection.baseUrl, token: connection.token },
      contact.externalId,
      reply.text,
    );
  }
  const page = { baseUrl: connection.baseUrl, pageId: connection.accountId ?? "", token: connection.token };
  if (route.mode === "public") {
    return replyToComment(page, route.commentExternalId ?? "", {
      text: reply.text,
      imageUrl: imageUrls[0] ?? null,
    });
  }
  if (route.mode === "private") {
    return sendMessenger(
      page,
      { comment_id: route.commentExternalId ?? "" },
      { text: reply.text, imageUrls: [] },
      { humanAgent: false },
    );
  }
  return sendMessenger(
    page,
    { id: contact.externalId },
    { text: reply.text, imageUrls },
    { humanAgent: route.humanAgent ?? false },
  );
}

import type { ConversationKind, InboxSource } from "../../../../shared/api/inbox-values.ts";

/*
 * The platforms' reply windows, run from the citizen's last message:
 * - Messenger: a standard reply within 24 hours; after that, only with the HUMAN_AGENT tag (7 days) on
 *   a page approved for it (developers.facebook.com/docs/messenger-platform/policy/policy-overview).
 * - Facebook comments: a public reply under the comment at any time; a private reply within 7 days.
 * - Zalo OA: a customer-service message ("tin tư vấn") within 48 hours of the user's last interaction.
 * - Portal questions: answered by e-mail, no window.
 */

const HOUR = 60 * 60 * 1000;
export const MESSENGER_STANDARD_MS = 24 * HOUR;
export const MESSENGER_HUMAN_AGENT_MS = 7 * 24 * HOUR;
export const ZALO_CS_MS = 48 * HOUR;

export interface ReplyWindow {
  standardUntil: Date | null;
  humanAgentUntil: Date | null;
  canReplyNow: boolean;
}

export function replyWindowOf(
  conversation: { source: InboxSource; kind: ConversationKind; lastIncomingAt: Date | null },
  now: Date,
  options: { humanAgent: boolean } = { humanAgent: false },
): ReplyWindow {
  const last = conversation.lastIncomingAt?.getTime() ?? null;
  if (conversation.source === "portal" || conversation.kind === "comment") {
    return { standardUntil: null, humanAgentUntil: null, canReplyNow: true };
  }
  if (last === null) {
    return { standardUntil: null, humanAgentUntil: null, canReplyNow: false };
  }
  if (conversation.source === "zalo") {
    const until = new Date(last + ZALO_CS_MS);
    return { standardUntil: until, humanAgentUntil: null, canReplyNow: until > now };
  }
  const standardUntil = new Date(last + MESSENGER_STANDARD_MS);
  const humanAgentUntil = options.humanAgent ? new Date(last + MESSENGER_HUMAN_AGENT_MS) : null;
  return {
    standardUntil,
    humanAgentUntil,
    canReplyNow: standardUntil > now || (humanAgentUntil !== null && humanAgentUntil > now),
  };
}

import { z } from "zod";
import {
  conversationChangedResponse,
  conversationIdParams,
  inboxMessageSchema,
} from "./inbox-conversations.ts";

/*
 * Answering through the platform the message came from: Messenger's Send API inside its window (and
 * the human-agent tag where the page has it), a comment reply or hide/unhide through the Graph API, a
 * Zalo OA customer-service message inside Zalo's window, or an e-mail for a portal question.
 */

/*
 * A reply is at most 2,000 characters, the longest text Messenger and Zalo accept in one message. Zalo
 * and e-mailed answers carry text only for now (pictures through Zalo need its upload API); Messenger
 * sends each picture as its own message after the text; a public comment reply carries one picture.
 */
export const replyBody = z.object({
  text: z.string().max(2000).default(""),
  /** Images from the unit's media library. */
  mediaIds: z.array(z.uuid()).max(4).optional(),
  /** Answer a comment publicly under it (default) or privately in Messenger (Facebook's private reply). */
  commentMode: z.enum(["public", "private"]).optional(),
  /** Comments: which of the citizen's comments is answered (default: their latest). */
  inReplyTo: z.uuid().optional(),
  /** Resolve the conversation with this reply. */
  resolve: z.boolean().optional(),
});
export type ReplyBody = z.infer<typeof replyBody>;

export const messageParams = z.object({ id: z.uuid(), messageId: z.uuid() });

export const hideCommentBody = z.object({ hidden: z.boolean() });

export const replyEndpoints = {
  "POST /api/inbox/conversations/:id/replies": {
    params: conversationIdParams,
    body: replyBody,
    response: inboxMessageSchema,
  },
  "POST /api/inbox/conversations/:id/messages/:messageId/retry": {
    params: messageParams,
    response: inboxMessageSchema,
  },
  "POST /api/inbox/conversations/:id/messages/:messageId/hidden": {
    params: messageParams,
    body: hideCommentBody,
    response: conversationChangedResponse,
  },
} as const;

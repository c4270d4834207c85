import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  conversationChangedResponse,
  conversationIdParams,
  hideCommentBody,
  inboxMessageSchema,
  messageParams,
  replyBody,
} from "../../../../shared/api/inbox.ts";
import { signedInContextOf } from "../../../http/context.ts";
import { setCommentVisibility } from "./hide.ts";
import { retryFailedReply, sendReply } from "./reply.ts";

/**
 * Replies, retries and comment hide/unhide. Each needs inbox.reply somewhere; the conversation itself
 * is checked by conversationFor (404 unknown, 403 a unit outside the person's scope).
 */
export async function replyRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ["inbox"];

  routes.post(
    "/api/inbox/conversations/:id/replies",
    {
      config: { access: { permission: "inbox.reply" } },
      schema: {
        tags,
        summary:
          "Answer the citizen through the platform the conversation came from (Messenger, a comment, Zalo OA, or e-mail for a portal question)",
        params: conversationIdParams,
        body: replyBody,
        response: { 200: inboxMessageSchema },
      },
    },
    async (request) => sendReply(deps, signedInContextOf(request).actor, request.params.id, request.body),
  );

  routes.post(
    "/api/inbox/conversations/:id/messages/:messageId/retry",
    {
      config: { access: { permission: "inbox.reply" } },
      schema: {
        tags,
        summary: "Send a failed reply again, the same way",
        params: messageParams,
        response: { 200: inboxMessageSchema },
      },
    },
    async (request) =>
      retryFailedReply(deps, signedInContextOf(request).actor, request.params.id, request.params.messageId),
  );

  routes.post(
    "/api/inbox/conversations/:id/messages/:messageId/hidden",
    {
      config: { access: { permission: "inbox.reply" } },
      schema: {
        tags,
        summary: "Hide a citizen's comment on the Facebook Page, or show it again",
        params: messageParams,
        body: hideCommentBody,
        response: { 200: conversationChangedResponse },
      },
    },
    async (request) => {
      await setCommentVisibility(
        deps,
        signedInContextOf(request).actor,
        request.params.id,
        request.params.messageId,
        request.body.hidden,
      );
      return { ok: true as const };
    },
  );
}

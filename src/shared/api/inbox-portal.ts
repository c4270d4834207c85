import { z } from "zod";
import { conversationChangedResponse, conversationIdParams } from "./inbox-conversations.ts";

/*
 * The portal's "Hỏi đáp": a citizen asks the unit through its portal (answered by e-mail), the editor
 * may publish the question and the answer, never the asker's name, on the portal's Q&A page; and the
 * inbox's live feed (server-sent events) and presence (who else is looking at a conversation).
 */

export const questionLimits = { textChars: 5000, nameChars: 120, emailChars: 254 } as const;

/** Lenient on purpose: the service answers in words the asker can act on. */
export const questionBody = z.object({
  unitId: z.string().max(100),
  name: z.string().max(1000).optional(),
  // Optional here so that a missing one is answered in words (the e-mail is where the answer goes).
  email: z.string().max(1000).optional(),
  text: z.string().max(20_000).optional(),
  /** Honeypot: people never see it; robots fill it in. */
  homepageUrl: z.string().max(4000).optional(),
});
export const questionCreatedResponse = z.object({ ok: z.literal(true) });

export const publishAnswerBody = z.object({
  /** The question as it will appear (the editor may trim names or details out of it). */
  question: z.string().trim().min(1).max(5000),
  answer: z.string().trim().min(1).max(10_000),
});
export const publishedAnswerSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  publishedAt: z.date(),
});
export const publishedAnswerListResponse = z.object({
  items: z.array(publishedAnswerSchema),
  total: z.number(),
  page: z.number(),
});

export const presenceBody = z.object({ viewing: z.boolean() });
export const presenceResponse = z.object({
  viewers: z.array(z.object({ id: z.string(), fullName: z.string() })),
});

/*
 * GET /api/inbox/stream?unitId= (text/event-stream) sends, for the conversations the person may see:
 *   event: ready         data: {}   (first, once the stream listens)
 *   event: conversation  data: {"id","unitId","reason":"message"|"status"|"assigned"|"labels"|"note"|"deleted"|"escalated"|"published"}
 *   event: presence      data: {"conversationId","viewers":[{"id","fullName"}]}
 * and a comment line every 25 s so proxies keep it open. It ends after 15 minutes: EventSource opens
 * it again and the person's roles are read anew. Events are those of this server process (presence is
 * kept in its memory). Not in the typed client: the web reads it with EventSource.
 */
export const inboxStreamEventSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  reason: z.enum(["message", "status", "assigned", "labels", "note", "deleted", "escalated", "published"]),
});
export type InboxStreamEvent = z.infer<typeof inboxStreamEventSchema>;

export const presenceEventSchema = z.object({
  conversationId: z.string(),
  viewers: z.array(z.object({ id: z.string(), fullName: z.string() })),
});
export type PresenceEvent = z.infer<typeof presenceEventSchema>;

/**
 * unitId: only that unit's subtree. once=1: the opening lines, then the stream ends (for a check
 * from a script; a connection that is not a real socket, as in-process test requests, is answered so too).
 */
export const inboxStreamQuery = z.object({
  unitId: z.uuid().optional(),
  once: z.enum(["1"]).optional(),
});

export const portalEndpoints = {
  "POST /api/public/questions": { body: questionBody, response: questionCreatedResponse },
  "POST /api/inbox/conversations/:id/publish-answer": {
    params: conversationIdParams,
    body: publishAnswerBody,
    response: publishedAnswerSchema,
  },
  "GET /api/public/units/:code/answers": {
    params: z.object({ code: z.string().max(60) }),
    query: z.object({ page: z.coerce.number().int().min(1).optional() }),
    response: publishedAnswerListResponse,
  },
  "DELETE /api/inbox/published-answers/:id": {
    params: z.object({ id: z.uuid() }),
    response: conversationChangedResponse,
  },
  "POST /api/inbox/conversations/:id/presence": {
    params: conversationIdParams,
    body: presenceBody,
    response: presenceResponse,
  },
} as const;

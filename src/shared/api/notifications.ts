/**
 * The notifications API contract (the bell in the app's header and the list of what the app told the
 * signed-in person), shared by the server's routes and the web's typed client.
 */
import { z } from "zod";

export const notificationIdParams = z.object({ id: z.uuid() });

export const notificationListQuery = z.object({
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
  /** Only those not read yet. */
  unread: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
});

const words = z.object({ vi: z.string(), en: z.string() });

/** One thing the app told the person, in both languages: the app shows the one it is read in. */
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: words,
  body: words.nullable(),
  /** An address inside the app. */
  link: z.string().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

export const notificationListResponse = z.object({
  items: z.array(notificationSchema),
  total: z.number(),
  page: z.number(),
  unread: z.number(),
});

export const unreadCountResponse = z.object({ count: z.number() });
export const markedReadResponse = z.object({ marked: z.number() });

export const notificationEndpoints = {
  "GET /api/me/notifications": { query: notificationListQuery, response: notificationListResponse },
  "GET /api/me/notifications/unread-count": { response: unreadCountResponse },
  "POST /api/me/notifications/:id/read": { params: notificationIdParams, response: markedReadResponse },
  "POST /api/me/notifications/read-all": { response: markedReadResponse },
} as const;

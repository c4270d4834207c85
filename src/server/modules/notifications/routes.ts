import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  markedReadResponse,
  notificationIdParams,
  notificationListQuery,
  notificationListResponse,
  unreadCountResponse,
} from "../../../shared/api/notifications.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { listNotifications, markAllRead, markRead, unreadCount } from "./service.ts";

/**
 * The signed-in person's own notices. Signed in is enough: every query is limited to the person's
 * own rows, and someone else's notice is answered as not found.
 */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["notifications"];

  routes.get(
    "/api/me/notifications",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "My notifications, newest first, a page at a time",
        querystring: notificationListQuery,
        response: { 200: notificationListResponse },
      },
    },
    async (request) => {
      const { limit, offset, page } = pageOf({ pageSize: 20, ...request.query });
      const me = signedInContextOf(request).actor.personId;
      const list = await listNotifications(db, me, { limit, offset, unreadOnly: request.query.unread });
      return { ...list, page };
    },
  );

  routes.get(
    "/api/me/notifications/unread-count",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "How many of my notifications are not read yet (the bell's number)",
        response: { 200: unreadCountResponse },
      },
    },
    async (request) => ({ count: await unreadCount(db, signedInContextOf(request).actor.personId) }),
  );

  routes.post(
    "/api/me/notifications/:id/read",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Mark one of my notifications read",
        params: notificationIdParams,
        response: { 200: markedReadResponse },
      },
    },
    async (request) => ({
      marked: await markRead(db, signedInContextOf(request).actor.personId, request.params.id),
    }),
  );

  routes.post(
    "/api/me/notifications/read-all",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Mark all my notifications read",
        response: { 200: markedReadResponse },
      },
    },
    async (request) => ({ marked: await markAllRead(db, signedInContextOf(request).actor.personId) }),
  );
}

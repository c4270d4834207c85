import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  approvalCountResponse,
  approvalQueueQuery,
  approvalQueueResponse,
} from "../../../shared/api/publishing.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { approvalQueue, approvalQueueCount } from "./approval-queue.ts";
import type { DeskRoutes } from "./post-routes.ts";

/**
 * An approver's queue ("Chờ tôi duyệt") and its count for the menu. List routes: the queue is limited
 * to the units where the reader holds posts.approve (scopeFor inside approval-queue.ts).
 */
export function approvalQueueRoutes(app: FastifyInstance, { db, tags }: DeskRoutes): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/api/approvals",
    {
      config: { access: { permission: "posts.approve" } },
      schema: {
        tags,
        summary: "Variants waiting for an approval I may give, the longest-waiting first",
        querystring: approvalQueueQuery,
        response: { 200: approvalQueueResponse },
      },
    },
    async (request) => {
      const { limit, offset, page } = pageOf({ ...request.query, pageSize: request.query.pageSize ?? 20 });
      return { ...(await approvalQueue(db, signedInContextOf(request).actor, { limit, offset })), page };
    },
  );

  routes.get(
    "/api/approvals/count",
    {
      config: { access: { permission: "posts.approve" } },
      schema: {
        tags,
        summary: "How many variants wait for an approval I may give (the menu's badge)",
        response: { 200: approvalCountResponse },
      },
    },
    async (request) => ({ count: await approvalQueueCount(db, signedInContextOf(request).actor) }),
  );
}

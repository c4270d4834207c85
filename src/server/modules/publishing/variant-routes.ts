import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  approveBody,
  byHandBody,
  historyResponse,
  idParams,
  rejectBody,
  scheduleBody,
  updateVariantBody,
  variantSchema,
} from "../../../shared/api/publishing.ts";
import { signedInContextOf } from "../../http/context.ts";
import { unitOfVariant } from "./post-records.ts";
import type { DeskRoutes } from "./post-routes.ts";
import { updateVariant } from "./posts.ts";
import { variantView } from "./presenters.ts";
import { variantHistory } from "./queries.ts";
import {
  approveVariant,
  markPublishedByHand,
  rejectVariant,
  scheduleVariant,
  submitVariant,
  unscheduleVariant,
} from "./variant-workflow.ts";

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** One channel's variant of a post: editing it, and each step of its workflow (approval, schedule). */
export function variantRoutes(app: FastifyInstance, { db, deps, tags }: DeskRoutes): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const variantUnit = (request: FastifyRequest) => unitOfVariant(db, idOf(request));

  routes.patch(
    "/api/variants/:id",
    {
      config: { access: { permission: "posts.write", unit: variantUnit } },
      schema: {
        tags,
        summary: "Edit a variant; an approved or scheduled one goes back to draft",
        params: idParams,
        body: updateVariantBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(await updateVariant(signedInContextOf(request), deps, request.params.id, request.body)),
  );

  const action = (
    path: string,
    permission: "posts.write" | "posts.approve",
    summary: string,
    run: (request: FastifyRequest) => Promise<Parameters<typeof variantView>[0]>,
  ) =>
    routes.post(
      path,
      {
        config: { access: { permission, unit: variantUnit } },
        schema: { tags, summary, params: idParams, response: { 200: variantSchema } },
      },
      async (request) => variantView(await run(request)),
    );

  action(
    "/api/variants/:id/submit",
    "posts.write",
    "Send a draft for approval (the platform's limits must be met)",
    (request) => submitVariant(signedInContextOf(request), deps, idOf(request)),
  );
  action(
    "/api/variants/:id/unschedule",
    "posts.write",
    "Take a scheduled variant off the calendar",
    (request) => unscheduleVariant(signedInContextOf(request), idOf(request)),
  );
  action(
    "/api/variants/:id/publish-now",
    "posts.write",
    "Publish an approved (or failed) variant now",
    (request) => scheduleVariant(signedInContextOf(request), deps, idOf(request), new Date()),
  );

  routes.post(
    "/api/variants/:id/approve",
    {
      config: { access: { permission: "posts.approve", unit: variantUnit } },
      schema: {
        tags,
        summary: "Approve a variant under the unit's rules, with an optional comment for its author",
        params: idParams,
        body: approveBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(
        await approveVariant(signedInContextOf(request), request.params.id, {
          comment: request.body?.comment,
          notices: deps,
        }),
      ),
  );

  routes.post(
    "/api/variants/:id/reject",
    {
      config: { access: { permission: "posts.approve", unit: variantUnit } },
      schema: {
        tags,
        summary: "Send a variant back to its author with a reason",
        params: idParams,
        body: rejectBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(
        await rejectVariant(signedInContextOf(request), request.params.id, request.body.reason, deps),
      ),
  );

  routes.post(
    "/api/variants/:id/schedule",
    {
      config: { access: { permission: "posts.write", unit: variantUnit } },
      schema: {
        tags,
        summary: "Schedule an approved variant, or move a scheduled one (approvals are checked again)",
        params: idParams,
        body: scheduleBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(
        await scheduleVariant(signedInContextOf(request), deps, request.params.id, request.body.at),
      ),
  );

  routes.post(
    "/api/variants/:id/published-by-hand",
    {
      config: { access: { permission: "posts.write", unit: variantUnit } },
      schema: {
        tags,
        summary: "Record that an approved variant was posted by hand (platforms without a connector)",
        params: idParams,
        body: byHandBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(
        await markPublishedByHand(signedInContextOf(request), request.params.id, request.body.externalUrl),
      ),
  );

  routes.get(
    "/api/variants/:id/history",
    {
      config: { access: { permission: "posts.read", unit: variantUnit } },
      schema: {
        tags,
        summary: "Every status change of a variant, with who and when",
        params: idParams,
        response: { 200: historyResponse },
      },
    },
    async (request) => ({ items: await variantHistory(db, request.params.id) }),
  );
}

/**
 * The publishing API contract (posts, their variants per channel, approvals, the schedule, the
 * calendar, members' stories, the approval policy and a channel's publishing connection), shared by
 * the server's routes and the web's typed client: the enums, the request and response schemas, and
 * `publishingEndpoints`, which names each route's schemas. Shared code imports no server code: the
 * database schema takes its enum lists from here.
 */
import { z } from "zod";
import { roles } from "../organisation.ts";
import { channelIdParams } from "./channels.ts";
import { variantStatus, variantTarget, variantTargetValues } from "./publishing-values.ts";

export { channelIdParams } from "./channels.ts";

import { storiesResponse, storyBody, storyCreatedResponse } from "./stories.ts";

export {
  variantStatus,
  variantStatusValues,
  variantTarget,
  variantTargetValues,
} from "./publishing-values.ts";
export { storiesResponse, storyBody, storyCreatedResponse, storyStage } from "./stories.ts";

const pageQuery = {
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};
const localized = { vi: z.string(), en: z.string() };

export const idParams = z.object({ id: z.uuid() });
const personRef = z.object({ id: z.string(), fullName: z.string() });

const tags = z.array(z.string().trim().min(1).max(60)).max(30);
const mediaIds = z.array(z.uuid()).max(50);

export const createPostBody = z.object({
  unitId: z.uuid(),
  title: z.string().trim().min(1).max(300),
  bodyHtml: z.string().max(500_000).default(""),
  summary: z.string().trim().max(1000).nullable().optional(),
  tags: tags.optional(),
  mediaIds: mediaIds.optional(),
  /** The registry channels to publish to; a draft variant is made for each. */
  channelIds: z.array(z.uuid()).max(20).default([]),
});

export const updatePostBody = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  bodyHtml: z.string().max(500_000).optional(),
  summary: z.string().trim().max(1000).nullable().optional(),
  tags: tags.optional(),
  mediaIds: mediaIds.optional(),
});

export const addVariantBody = z.object({ channelId: z.uuid() });

export const updateVariantBody = z.object({
  title: z.string().trim().max(300).nullable().optional(),
  body: z.string().max(500_000).optional(),
  linkUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  mediaIds: mediaIds.optional(),
});

export const rejectBody = z.object({ reason: z.string().trim().min(1).max(2000) });
/**
 * An approval may carry a comment for the author; it is kept in the variant's history. A call with no
 * body at all (Fastify hands the schema null) approves without one.
 */
export const approveBody = z.object({ comment: z.string().trim().max(2000).optional() }).nullish();
export const scheduleBody = z.object({ at: z.coerce.date() });
export const byHandBody = z.object({ externalUrl: z.url({ protocol: /^https?$/ }).max(2000) });

export const problemSchema = z.object({
  field: z.string(),
  code: z.string(),
  ...localized,
});

export const variantSchema = z.object({
  id: z.string(),
  target: variantTarget,
  channelId: z.string(),
  title: z.string().nullable(),
  body: z.string(),
  linkUrl: z.string().nullable(),
  mediaIds: z.array(z.string()),
  status: variantStatus,
  contentVersion: z.number(),
  scheduledAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  failure: z
    .object({ code: z.string(), message: z.string(), needsPerson: z.boolean(), at: z.string() })
    .nullable(),
  lastRejection: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  updatedAt: z.date(),
});

export const variantDetail = variantSchema.extend({
  lastRejection: z
    .object({ reason: z.string(), by: z.string(), byName: z.string(), at: z.string() })
    .nullable(),
  channel: z.object({ id: z.string(), displayName: z.string(), url: z.string() }),
  approvals: z.array(
    z.object({
      level: z.number(),
      approver: personRef,
      at: z.date(),
      /** The comment the approver gave with it, shown under "Lượt duyệt". */
      comment: z.string().nullable(),
    }),
  ),
  /**
   * While it waits for approval: the level of the next approval, the people who may give it, and the
   * roles the unit's rules name for it (for when nobody holds them yet).
   */
  nextApproval: z
    .object({
      level: z.number(),
      people: z.array(personRef),
      roles: z.array(z.enum(roles)),
      unitName: z.string(),
    })
    .nullable(),
  problems: z.array(problemSchema),
  /** What the reader may do to this variant now, by the rules the server enforces (policy.ts). */
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canApprove: z.boolean(),
  canReject: z.boolean(),
  canSchedule: z.boolean(),
  canUnschedule: z.boolean(),
});

export const postDetail = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  bodyHtml: z.string(),
  summary: z.string().nullable(),
  tags: z.array(z.string()),
  mediaIds: z.array(z.string()),
  slug: z.string(),
  origin: z.enum(["desk", "collaborator"]),
  author: personRef.nullable(),
  credited: personRef.nullable(),
  version: z.number(),
  approvalsNeeded: z.number(),
  /** Whether the reader may edit the post, add channels, submit and schedule. */
  canWrite: z.boolean(),
  /** Whether the reader takes part in approving the post; each variant's canApprove says whether it can be approved now. */
  canApprove: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  variants: z.array(variantDetail),
});

export const listPostsQuery = z.object({
  unitId: z.uuid().optional(),
  q: z.string().max(200).optional(),
  tag: z.string().max(60).optional(),
  status: variantStatus.optional(),
  ...pageQuery,
});

export const postListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      title: z.string(),
      tags: z.array(z.string()),
      origin: z.enum(["desk", "collaborator"]),
      updatedAt: z.date(),
      variants: z.array(
        z.object({
          id: z.string(),
          target: variantTarget,
          channelId: z.string(),
          channelName: z.string(),
          status: variantStatus,
          scheduledAt: z.date().nullable(),
          publishedAt: z.date().nullable(),
        }),
      ),
    }),
  ),
  total: z.number(),
  page: z.number(),
});

export const versionsResponse = z.object({
  items: z.array(
    z.object({
      version: z.number(),
      snapshot: z.record(z.string(), z.unknown()),
      editor: personRef.nullable(),
      createdAt: z.date(),
    }),
  ),
});

export const historyResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      from: z.string().nullable(),
      to: z.string(),
      reason: z.string().nullable(),
      details: z.record(z.string(), z.unknown()).nullable(),
      actor: personRef.nullable(),
      at: z.date(),
    }),
  ),
});

export const calendarQuery = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
  unitId: z.uuid().optional(),
  channelId: z.uuid().optional(),
  tag: z.string().max(60).optional(),
  status: variantStatus.optional(),
});

export const calendarResponse = z.object({
  items: z.array(
    z.object({
      variantId: z.string(),
      postId: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      channelName: z.string(),
      title: z.string(),
      tags: z.array(z.string()),
      target: variantTarget,
      channelId: z.string(),
      status: variantStatus,
      at: z.date(),
    }),
  ),
});

const roleList = z.array(z.enum(roles)).max(roles.length);

export const policyBody = z.object({
  approverRoles: roleList.min(1),
  sensitiveTags: tags.default([]),
  secondApproverRoles: roleList.default([]),
});

export const policyResponse = z.object({
  approverRoles: z.array(z.string()),
  sensitiveTags: z.array(z.string()),
  secondApproverRoles: z.array(z.string()),
  definedAt: z.object({ id: z.string(), name: z.string() }).nullable(),
});

/*
 * Strict: the API address a token is sent to is the platform's own (or the operator's configuration),
 * never part of a request, so a body naming one (`baseUrl`, …) is refused rather than ignored.
 */
export const saveConnectionBody = z.strictObject({
  /** Write-only: stored sealed, never shown again. Omit to keep the stored token. */
  token: z.string().trim().min(1).max(4096).optional(),
  tokenExpiresAt: z.coerce.date().nullable().optional(),
  accountId: z.string().trim().max(200).nullable().optional(),
  /** Zalo OA only, write-only and sealed: what renews the access token before it expires. */
  refreshToken: z.string().trim().min(1).max(4096).optional(),
  appId: z.string().trim().max(100).nullable().optional(),
  appSecret: z.string().trim().min(1).max(500).optional(),
});

export const connectionResponse = z.object({
  channelId: z.uuid(),
  connector: z.enum(variantTargetValues),
  accountId: z.string().nullable(),
  tokenSet: z.boolean(),
  tokenExpiresAt: z.date().nullable(),
  renewsItself: z.boolean(),
  status: z.enum(["connected", "needs_reconnect"]),
  statusReason: z.string().nullable(),
  updatedBy: z.uuid().nullable(),
  updatedAt: z.date(),
});

export const approvalQueueQuery = z.object({
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

/** A variant waiting for an approval the reader may give, oldest request first. */
export const approvalQueueItem = z.object({
  variantId: z.string(),
  postId: z.string(),
  postTitle: z.string(),
  unitName: z.string(),
  target: variantTarget,
  channelName: z.string(),
  /** 1: the unit's approval; 2: the second one a sensitive topic needs. */
  level: z.number(),
  submittedAt: z.date(),
  submittedBy: personRef.nullable(),
});

export const approvalQueueResponse = z.object({
  items: z.array(approvalQueueItem),
  total: z.number(),
  page: z.number(),
});

export const approvalCountResponse = z.object({ count: z.number() });

/** The desk's work lists: variants by status, the rejected drafts, those scheduled in a time span. */
export const variantListQuery = z.object({
  unitId: z.uuid().optional(),
  status: variantStatus.optional(),
  /** "true": drafts an approver sent back; "false": variants never rejected. */
  rejected: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true")),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  ...pageQuery,
});

export const variantListResponse = z.object({
  items: z.array(
    z.object({
      variantId: z.string(),
      postId: z.string(),
      postTitle: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      target: variantTarget,
      channelId: z.string(),
      channelName: z.string(),
      status: variantStatus,
      scheduledAt: z.date().nullable(),
      updatedAt: z.date(),
      /** Why a draft was sent back, while it waits to be sent again. */
      rejection: z.object({ reason: z.string(), byName: z.string(), at: z.string() }).nullable(),
      /** The platform's words, while publishing has failed. */
      failure: z.object({ message: z.string(), needsPerson: z.boolean(), at: z.string() }).nullable(),
    }),
  ),
  total: z.number(),
  page: z.number(),
});

export const renditionParams = z.object({ file: z.string().max(120) });

/**
 * Every route of the publishing module by method and path, with the schemas its handler is declared
 * with; `response` is the success answer. The web's typed client derives each call's types from this
 * map. (The connection routes are tagged "channels" and the picture renditions "media" in the
 * OpenAPI document; the renditions are fetched by the platforms, not by the web, so they are not here.)
 */
export const publishingEndpoints = {
  "GET /api/posts": { query: listPostsQuery, response: postListResponse },
  "POST /api/posts": { body: createPostBody, response: postDetail },
  "GET /api/posts/:id": { params: idParams, response: postDetail },
  "PATCH /api/posts/:id": { params: idParams, body: updatePostBody, response: postDetail },
  "GET /api/posts/:id/versions": { params: idParams, response: versionsResponse },
  "POST /api/posts/:id/variants": { params: idParams, body: addVariantBody, response: variantSchema },
  "PATCH /api/variants/:id": { params: idParams, body: updateVariantBody, response: variantSchema },
  "POST /api/variants/:id/submit": { params: idParams, response: variantSchema },
  "POST /api/variants/:id/approve": { params: idParams, body: approveBody, response: variantSchema },
  "POST /api/variants/:id/unschedule": { params: idParams, response: variantSchema },
  "POST /api/variants/:id/publish-now": { params: idParams, response: variantSchema },
  "POST /api/variants/:id/reject": { params: idParams, body: rejectBody, response: variantSchema },
  "POST /api/variants/:id/schedule": { params: idParams, body: scheduleBody, response: variantSchema },
  "POST /api/variants/:id/published-by-hand": { params: idParams, body: byHandBody, response: variantSchema },
  "GET /api/variants/:id/history": { params: idParams, response: historyResponse },
  "GET /api/variants": { query: variantListQuery, response: variantListResponse },
  "GET /api/approvals": { query: approvalQueueQuery, response: approvalQueueResponse },
  "GET /api/approvals/count": { response: approvalCountResponse },
  "GET /api/publishing/calendar": { query: calendarQuery, response: calendarResponse },
  "POST /api/me/stories": { body: storyBody, response: storyCreatedResponse },
  "GET /api/me/stories": { response: storiesResponse },
  "GET /api/units/:id/approval-policy": { params: idParams, response: policyResponse },
  "PUT /api/units/:id/approval-policy": { params: idParams, body: policyBody, response: policyResponse },
  "DELETE /api/units/:id/approval-policy": { params: idParams, response: policyResponse },
  "PUT /api/channels/:id/connection": {
    params: channelIdParams,
    body: saveConnectionBody,
    response: connectionResponse,
  },
  "GET /api/channels/:id/connection": { params: channelIdParams, response: connectionResponse },
  "DELETE /api/channels/:id/connection": { params: channelIdParams, response: z.null() },
} as const;

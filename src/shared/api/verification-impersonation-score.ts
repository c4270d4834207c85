import { z } from "zod";
import { channelPlatformSchema } from "./channels.ts";

/*
 * The impersonation watch's scoring: how much a page looks like a registered official channel, and why.
 * A score for a person to weigh, never a verdict.
 */

export const impersonationScoreBody = z.object({
  /** The page's address (a `javascript:` or other non-web link is refused). */
  url: z.string().trim().min(1).max(2000),
  displayName: z.string().trim().min(1).max(300),
  handle: z.string().trim().max(200).nullable().optional(),
  /** 64-bit perceptual hash of the page's avatar (16 hex digits), when known. */
  avatarPhash: z
    .string()
    .regex(/^[0-9a-fA-F]{16}$/)
    .nullable()
    .optional(),
});

export const impersonationReasonSchema = z.object({
  /** name_same, name_contains, name_similar, name_disguised, handle_same, handle_contains, handle_close,
   * handle_matches_name, handle_disguised, domain_imitates, domain_similar, avatar_similar, same_platform,
   * different_place and same_domain (negative weights: what they took off), registered. */
  code: z.string(),
  weight: z.number(),
  detail: z.string().optional(),
});

export const impersonationScoreResponse = z.object({
  score: z.number().min(0).max(1),
  reasons: z.array(impersonationReasonSchema),
  /** The address is itself a registered channel, or a page of one: never a candidate. */
  registered: z.boolean(),
  /** The registered channel the page most resembles (or is). */
  channel: z
    .object({
      id: z.uuid(),
      displayName: z.string(),
      url: z.string(),
      platform: channelPlatformSchema,
      unitName: z.string(),
    })
    .nullable(),
});

export const impersonationScoreEndpoints = {
  "POST /api/impersonation/score": { body: impersonationScoreBody, response: impersonationScoreResponse },
} as const;

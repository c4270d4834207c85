import { z } from "zod";
import { publicLabelValues, tipPublicStatusValues } from "./verification-values.ts";

/*
 * The verification desk's tips: intake from the public form, the API and members; tracking codes and
 * the status page. The reporter's e-mail goes in and never comes out: no answer here carries it.
 */

/** Most screenshots one tip may carry, and the size of each as sent. */
export const tipLimits = {
  images: 5,
  imageBytes: 10 * 1024 * 1024,
  textChars: 5000,
  urlChars: 2000,
  emailChars: 254,
} as const;

/**
 * The honeypot: a field people never see (hidden from sight and from screen readers) that form-filling
 * robots fill in. A tip with anything in it is refused.
 */
export const tipHoneypotField = "homepageUrl";

/**
 * A tip as sent (JSON, or the text fields of a multipart form whose files are the screenshots).
 * Lenient on purpose: the service checks each field and answers in words the reporter can act on
 * (a `javascript:` link, a text too long), which a schema failure could not say.
 */
export const tipBody = z.object({
  url: z.string().max(4000).optional(),
  text: z.string().max(20_000).optional(),
  email: z.string().max(1000).optional(),
  /** The unit whose portal the tip came through (`/bao-tin?don-vi=`); the highest unit when absent or unknown. */
  unitId: z.string().max(100).optional(),
  [tipHoneypotField]: z.string().max(4000).optional(),
});
export type TipBody = z.infer<typeof tipBody>;

export const tipCreatedResponse = z.object({
  /** What the reporter keeps to follow the tip, e.g. "BT-7K3M-9QXA". */
  trackingCode: z.string(),
});

export const trackingCodeParams = z.object({ code: z.string().max(40) });

export const tipPublicStatusSchema = z.enum(tipPublicStatusValues);
export type TipPublicStatus = z.infer<typeof tipPublicStatusSchema>;

export const publicVerdictSchema = z.object({
  /** fake = Tin giả, false = Tin sai sự thật, true = Tin xác thực. */
  label: z.enum(publicLabelValues),
  claimReviewed: z.string(),
  /** The correction article on the unit's portal. */
  url: z.string(),
  publishedAt: z.date(),
});

/** What a reporter may see of their tip: never the e-mail, never anyone else's tip. */
export const tipStatusResponse = z.object({
  trackingCode: z.string(),
  status: tipPublicStatusSchema,
  receivedAt: z.date(),
  /** The published verdict, once public. */
  verdict: publicVerdictSchema.nullable(),
  /** Answered without a public verdict (not enough evidence, out of scope). */
  closedWithoutVerdict: z.boolean(),
  /** The reporter's own address and words, to recognise the tip (never other reporters'). */
  url: z.string().nullable(),
  /** The tip's text, cut to 300 characters. */
  excerpt: z.string(),
});
export type TipStatus = z.infer<typeof tipStatusResponse>;

export const myTipSchema = tipStatusResponse.extend({
  imageCount: z.number().int(),
});

export const myTipsQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

export const myTipsResponse = z.object({
  items: z.array(myTipSchema),
  total: z.number().int(),
  page: z.number().int(),
});

/** Method and path → schemas, as in declarations.ts. */
export const tipEndpoints = {
  "POST /api/public/tips": { body: tipBody, response: tipCreatedResponse },
  "GET /api/public/tips/:code": { params: trackingCodeParams, response: tipStatusResponse },
  "POST /api/tips": { body: tipBody, response: tipCreatedResponse },
  "GET /api/tips/mine": { query: myTipsQuery, response: myTipsResponse },
} as const;

import { z } from "zod";
import { breachKindValues, conversationKindValues, inboxSourceValues } from "./inbox-values.ts";

/*
 * Response targets per unit (first response and resolution, counted in duty hours only), the
 * auto-reply outside shifts, retention, the breach list, and the figures (true medians and 90th
 * percentiles) by unit, person, channel and day, with their XLSX export.
 */

export const inboxSettingsQuery = z.object({ unitId: z.uuid() });
export const inboxSettingsSchema = z.object({
  unitId: z.string(),
  firstResponseMinutes: z.number(),
  resolutionHours: z.number(),
  warnBeforeMinutes: z.number(),
  retentionMonths: z.number(),
  autoReplyEnabled: z.boolean(),
  /** null: the default words, which say when the office is back. */
  autoReplyText: z.string().nullable(),
  /** The default words as they would be sent now, for the settings page's preview. */
  autoReplyPreview: z.string(),
  canManage: z.boolean(),
});
export const inboxSettingsBody = z.object({
  unitId: z.uuid(),
  firstResponseMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60),
  resolutionHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  warnBeforeMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  retentionMonths: z.number().int().min(1).max(120),
  autoReplyEnabled: z.boolean(),
  /** `{gio_mo_cua}` is replaced by when the office is next on duty. */
  autoReplyText: z.string().trim().max(1000).nullable(),
});

export const breachListQuery = z.object({
  unitId: z.uuid().optional(),
  kind: z.enum(breachKindValues).optional(),
  /** Breaches since this day (default: 30 days back). */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
export const breachItemSchema = z.object({
  conversationId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  contactName: z.string(),
  source: z.enum(inboxSourceValues),
  kind: z.enum(breachKindValues),
  dueAt: z.date(),
  breachedAt: z.date(),
  /** Still unanswered / unresolved. */
  stillOpen: z.boolean(),
  assignee: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  escalationStage: z.number(),
});
export const breachListResponse = z.object({
  items: z.array(breachItemSchema),
  total: z.number(),
  page: z.number(),
});

export const figuresQuery = z.object({
  unitId: z.uuid(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Include the unit's whole subtree (default) or only the unit itself. */
  subtree: z.enum(["yes", "no"]).optional(),
});
const durationFigures = z.object({
  /** Minutes; null when nothing was answered/resolved in the period. */
  median: z.number().nullable(),
  p90: z.number().nullable(),
  count: z.number(),
});
export const figureRowSchema = z.object({
  received: z.number(),
  firstResponse: durationFigures,
  resolution: durationFigures,
  breaches: z.number(),
});
export const figuresResponse = z.object({
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  total: figureRowSchema,
  byChannel: z.array(
    figureRowSchema.extend({
      source: z.enum(inboxSourceValues),
      kind: z.enum(conversationKindValues),
      channelName: z.string(),
    }),
  ),
  byDay: z.array(figureRowSchema.extend({ day: z.string() })),
  byPerson: z.array(figureRowSchema.extend({ person: z.object({ id: z.string(), fullName: z.string() }) })),
  byUnit: z.array(figureRowSchema.extend({ unit: z.object({ id: z.string(), name: z.string() }) })),
});

/** The figures as an XLSX workbook: one sheet per grouping, Vietnamese headings. */
export const figuresXlsxResponse = z.string().describe("The figures as an XLSX workbook");

export const targetEndpoints = {
  "GET /api/inbox/settings": { query: inboxSettingsQuery, response: inboxSettingsSchema },
  "PUT /api/inbox/settings": { body: inboxSettingsBody, response: inboxSettingsSchema },
  "GET /api/inbox/breaches": { query: breachListQuery, response: breachListResponse },
  "GET /api/inbox/figures": { query: figuresQuery, response: figuresResponse },
  "GET /api/inbox/figures.xlsx": { query: figuresQuery, response: figuresXlsxResponse },
} as const;

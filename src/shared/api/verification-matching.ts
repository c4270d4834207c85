import { z } from "zod";

/* The verification desk's matching: which known cases a URL or a text resembles. */

/** The longest claim text matched; a longer paste is refused rather than cut. */
export const matchTextMaxLength = 10_000;

export const caseMatchLevelValues = ["merge", "suggest"] as const;

export const matchCasesBody = z.object({
  url: z.string().trim().max(2000).optional(),
  text: z.string().max(matchTextMaxLength).optional(),
});

export const caseMatchSchema = z.object({
  caseId: z.uuid(),
  /** 0–1. */
  score: z.number(),
  /** "merge": the same claim for certain; "suggest": likely, for a checker to decide. */
  level: z.enum(caseMatchLevelValues),
});

export const matchCasesResponse = z.object({ items: z.array(caseMatchSchema) });

/** Method and path → schemas, as in declarations.ts. */
export const matchingEndpoints = {
  "POST /api/cases/match": { body: matchCasesBody, response: matchCasesResponse },
} as const;

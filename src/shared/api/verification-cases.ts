import { z } from "zod";

/* The verification desk's cases: the queue, triage, assignment, checklists, the timeline, evidence, merges and OCR. */

// Placeholder so the file is a module with zod in use until its schemas arrive.
export const casePlaceholder = z.never().optional();

/** Method and path → schemas, as in declarations.ts. */
export const caseEndpoints = {} as const;

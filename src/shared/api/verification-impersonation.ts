import { z } from "zod";
import { impersonationCandidateEndpoints } from "./verification-impersonation-candidates.ts";
import { impersonationScoreEndpoints } from "./verification-impersonation-score.ts";

/* The verification desk's impersonation watch: scoring look-alike pages, candidates, confirmation, report packs. */

// Placeholder so the file is a module with zod in use until its schemas arrive.
export const impersonationPlaceholder = z.never().optional();

/** Method and path → schemas, as in declarations.ts. */
export const impersonationEndpoints = {
  // Candidates, confirmation and report packs: their schemas are in verification-impersonation-candidates.ts.
  ...impersonationCandidateEndpoints,
  // Scoring a page against the registry: its schemas are in verification-impersonation-score.ts.
  ...impersonationScoreEndpoints,
} as const;

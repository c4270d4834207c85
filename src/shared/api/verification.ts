/*
 * The verification desk's API contract (zod only, no server code), one file per part, gathered here.
 */

import { caseEndpoints } from "./verification-cases.ts";
import { impersonationEndpoints } from "./verification-impersonation.ts";
import { indicatorEndpoints } from "./verification-indicators.ts";
import { matchingEndpoints } from "./verification-matching.ts";
import { tipEndpoints } from "./verification-tips.ts";
import { verdictEndpoints } from "./verification-verdicts.ts";

export * from "./verification-cases.ts";
export * from "./verification-impersonation.ts";
export * from "./verification-indicators.ts";
export * from "./verification-matching.ts";
export * from "./verification-tips.ts";
export * from "./verification-values.ts";
export * from "./verification-verdicts.ts";

/** Every endpoint of the verification module, for the web's typed client. */
export const verificationEndpoints = {
  ...tipEndpoints,
  ...caseEndpoints,
  ...verdictEndpoints,
  ...impersonationEndpoints,
  ...indicatorEndpoints,
  ...matchingEndpoints,
} as const;

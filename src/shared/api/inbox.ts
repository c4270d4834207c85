/*
 * The inbox's API contract (zod only, no server code), one file per part, gathered here.
 */

import { conversationEndpoints } from "./inbox-conversations.ts";
import { portalEndpoints } from "./inbox-portal.ts";
import { replyEndpoints } from "./inbox-replies.ts";
import { rosterEndpoints } from "./inbox-roster.ts";
import { targetEndpoints } from "./inbox-targets.ts";

export * from "./inbox-conversations.ts";
export * from "./inbox-portal.ts";
export * from "./inbox-replies.ts";
export * from "./inbox-roster.ts";
export * from "./inbox-targets.ts";
export * from "./inbox-values.ts";

/** Every endpoint of the inbox module, for the web's typed client. */
export const inboxEndpoints = {
  ...conversationEndpoints,
  ...replyEndpoints,
  ...rosterEndpoints,
  ...targetEndpoints,
  ...portalEndpoints,
} as const;

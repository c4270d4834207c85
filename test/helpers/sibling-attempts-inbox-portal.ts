import type { InjectOptions } from "fastify";
import type { RightInbox } from "./right-branch-inbox.ts";

/** The portal Hỏi đáp's unit-scoped routes, aimed at the right-hand branch's published answer. */
export function portalSiblingAttempts(right: RightInbox): Record<string, InjectOptions> {
  return {
    "DELETE /api/inbox/published-answers/:id": {
      method: "DELETE",
      url: `/api/inbox/published-answers/${right.publishedAnswerId}`,
    },
  };
}

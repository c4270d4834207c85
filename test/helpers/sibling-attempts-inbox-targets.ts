import type { InjectOptions } from "fastify";
import type { RightInbox } from "./right-branch-inbox.ts";

/*
 * The targets part's unit-scoped routes, aimed at the right-hand branch: its settings (read and
 * change), its figures and their XLSX. The breach list is `{ permission }` with withinScope.
 */
export function targetSiblingAttempts(right: RightInbox): Record<string, InjectOptions> {
  const period = `unitId=${right.unitId}&from=2099-01-01&to=2099-01-31`;
  return {
    "GET /api/inbox/settings": { method: "GET", url: `/api/inbox/settings?unitId=${right.unitId}` },
    "PUT /api/inbox/settings": {
      method: "PUT",
      url: "/api/inbox/settings",
      payload: {
        unitId: right.unitId,
        firstResponseMinutes: 30,
        resolutionHours: 4,
        warnBeforeMinutes: 10,
        retentionMonths: 12,
        autoReplyEnabled: true,
        autoReplyText: null,
      },
    },
    "GET /api/inbox/figures": { method: "GET", url: `/api/inbox/figures?${period}` },
    "GET /api/inbox/figures.xlsx": { method: "GET", url: `/api/inbox/figures.xlsx?${period}` },
  };
}

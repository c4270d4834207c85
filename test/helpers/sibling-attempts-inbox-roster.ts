import type { InjectOptions } from "fastify";
import type { RightInbox } from "./right-branch-inbox.ts";

/* The duty roster's unit-scoped routes, each aimed at the right-hand branch's roster. */
export function rosterSiblingAttempts(right: RightInbox): Record<string, InjectOptions> {
  const unitId = right.unitId;
  const slot = { unitId, name: "Ca lấn sân", start: "07:00", end: "11:30" };
  return {
    "GET /api/roster/slots": { method: "GET", url: `/api/roster/slots?unitId=${unitId}` },
    "POST /api/roster/slots": { method: "POST", url: "/api/roster/slots", payload: slot },
    "PUT /api/roster/slots/:id": { method: "PUT", url: `/api/roster/slots/${right.slotId}`, payload: slot },
    "DELETE /api/roster/slots/:id": { method: "DELETE", url: `/api/roster/slots/${right.slotId}` },
    "GET /api/roster/month": { method: "GET", url: `/api/roster/month?unitId=${unitId}&month=2099-01` },
    "PUT /api/roster/shifts": {
      method: "PUT",
      url: "/api/roster/shifts",
      payload: { unitId, day: "2099-01-06", slotId: right.slotId, personIds: [right.personId] },
    },
    "POST /api/roster/copy-week": {
      method: "POST",
      url: "/api/roster/copy-week",
      payload: { unitId, weekStart: "2099-01-12" },
    },
    "POST /api/roster/holidays": {
      method: "POST",
      url: "/api/roster/holidays",
      payload: { unitId, day: "2099-01-01", name: "Tết Dương lịch" },
    },
    "DELETE /api/roster/holidays/:unitId/:day": {
      method: "DELETE",
      url: `/api/roster/holidays/${unitId}/2099-01-01`,
    },
    "GET /api/roster/on-duty": { method: "GET", url: `/api/roster/on-duty?unitId=${unitId}` },
  };
}

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { rosterEndpoints as endpoints } from "../../../../shared/api/inbox-roster.ts";
import { contextOf, signedInContextOf } from "../../../http/context.ts";
import { monthView } from "./month.ts";
import { addHoliday, onDutyNow, removeHoliday } from "./presence.ts";
import { copyWeek, setShift } from "./shifts.ts";
import { archiveSlot, createSlot, requireSlot, slotsOrDefaults, slotView, updateSlot } from "./slots.ts";
import { swapRoutes } from "./swap-routes.ts";

/**
 * The duty roster: slots, shifts, month view, copy week, holidays, who is on duty. Reading it takes
 * inbox.read on the unit, changing it inbox.manage; swaps and one's own away flag and shifts are the
 * person's own (swap-routes.ts).
 */
export async function rosterRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["inbox"];

  const queryUnit = (request: FastifyRequest) => (request.query as { unitId: string }).unitId;
  const bodyUnit = (request: FastifyRequest) => (request.body as { unitId: string }).unitId;
  const slotUnit = async (request: FastifyRequest) =>
    (await requireSlot(db, (request.params as { id: string }).id)).unitId;

  routes.get(
    "/api/roster/slots",
    {
      config: { access: { permission: "inbox.read", unit: queryUnit } },
      schema: {
        tags,
        summary: "The unit's duty slots (the usual three are created the first time)",
        querystring: endpoints["GET /api/roster/slots"].query,
        response: { 200: endpoints["GET /api/roster/slots"].response },
      },
    },
    async (request) => ({ items: (await slotsOrDefaults(db, request.query.unitId)).map(slotView) }),
  );

  routes.post(
    "/api/roster/slots",
    {
      config: { access: { permission: "inbox.manage", unit: bodyUnit } },
      schema: {
        tags,
        summary: "Add a duty slot (an end before the start runs past midnight)",
        body: endpoints["POST /api/roster/slots"].body,
        response: { 201: endpoints["POST /api/roster/slots"].response },
      },
    },
    async (request, reply) => {
      const slot = await createSlot(contextOf(request), request.body);
      reply.status(201);
      return slot;
    },
  );

  routes.put(
    "/api/roster/slots/:id",
    {
      config: { access: { permission: "inbox.manage", unit: slotUnit } },
      schema: {
        tags,
        summary: "Rename a duty slot or change its hours (shifts already planned keep theirs)",
        params: endpoints["PUT /api/roster/slots/:id"].params,
        body: endpoints["PUT /api/roster/slots/:id"].body,
        response: { 200: endpoints["PUT /api/roster/slots/:id"].response },
      },
    },
    async (request) => updateSlot(contextOf(request), request.params.id, request.body),
  );

  routes.delete(
    "/api/roster/slots/:id",
    {
      config: { access: { permission: "inbox.manage", unit: slotUnit } },
      schema: {
        tags,
        summary: "Remove a duty slot from the plan (shifts already planned in it stay)",
        params: endpoints["DELETE /api/roster/slots/:id"].params,
        response: { 200: endpoints["DELETE /api/roster/slots/:id"].response },
      },
    },
    async (request) => archiveSlot(contextOf(request), request.params.id),
  );

  routes.get(
    "/api/roster/month",
    {
      config: { access: { permission: "inbox.read", unit: queryUnit } },
      schema: {
        tags,
        summary: "The unit's roster for a month: slots, shifts with their people, holidays",
        querystring: endpoints["GET /api/roster/month"].query,
        response: { 200: endpoints["GET /api/roster/month"].response },
      },
    },
    async (request) =>
      monthView(db, signedInContextOf(request).actor, request.query.unitId, request.query.month),
  );

  routes.put(
    "/api/roster/shifts",
    {
      config: { access: { permission: "inbox.manage", unit: bodyUnit } },
      schema: {
        tags,
        summary: "Set who is on duty in a slot on a day (an empty list removes the shift)",
        body: endpoints["PUT /api/roster/shifts"].body,
        response: { 200: endpoints["PUT /api/roster/shifts"].response },
      },
    },
    async (request) => setShift(contextOf(request), request.body),
  );

  routes.post(
    "/api/roster/copy-week",
    {
      config: { access: { permission: "inbox.manage", unit: bodyUnit } },
      schema: {
        tags,
        summary: "Copy the previous week's shifts onto the week starting on a Monday",
        body: endpoints["POST /api/roster/copy-week"].body,
        response: { 200: endpoints["POST /api/roster/copy-week"].response },
      },
    },
    async (request) => copyWeek(contextOf(request), request.body),
  );

  routes.post(
    "/api/roster/holidays",
    {
      config: { access: { permission: "inbox.manage", unit: bodyUnit } },
      schema: {
        tags,
        summary: "Declare a holiday (no duty that day, for the unit and the units under it)",
        body: endpoints["POST /api/roster/holidays"].body,
        response: { 200: endpoints["POST /api/roster/holidays"].response },
      },
    },
    async (request) => addHoliday(contextOf(request), request.body),
  );

  routes.delete(
    "/api/roster/holidays/:unitId/:day",
    {
      config: {
        access: {
          permission: "inbox.manage",
          unit: (request) => (request.params as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary: "Remove a holiday the unit declared",
        params: endpoints["DELETE /api/roster/holidays/:unitId/:day"].params,
        response: { 200: endpoints["DELETE /api/roster/holidays/:unitId/:day"].response },
      },
    },
    async (request) => removeHoliday(contextOf(request), request.params.unitId, request.params.day),
  );

  routes.get(
    "/api/roster/on-duty",
    {
      config: { access: { permission: "inbox.read", unit: queryUnit } },
      schema: {
        tags,
        summary: "Who is on duty for the unit now, and when the office is next back",
        querystring: endpoints["GET /api/roster/on-duty"].query,
        response: { 200: endpoints["GET /api/roster/on-duty"].response },
      },
    },
    async (request) => onDutyNow(db, request.query.unitId),
  );

  await app.register(swapRoutes);
}

import { z } from "zod";
import { swapStatusValues } from "./inbox-values.ts";

/*
 * The duty roster ("phân công trực"): each unit's time slots, shifts by day with the people on duty
 * (one may lead), a month view, copying last week, swaps accepted by the other person, holidays, and
 * people marked away. Times are Vietnam time; a slot whose end is before its start runs past midnight.
 */

const personRef = z.object({ id: z.string(), fullName: z.string() });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** "07:00"…"23:59"; "24:00" only as an end. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

export const rosterIdParams = z.object({ id: z.uuid() });

export const dutySlotSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  /** The slot ends the next day. */
  overnight: z.boolean(),
});
export const dutySlotBody = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(1).max(60),
  start: clockTime,
  end: clockTime,
});
export const dutySlotListResponse = z.object({ items: z.array(dutySlotSchema) });

export const dutyShiftSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  day: z.string(),
  slotId: z.string().nullable(),
  slotName: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  people: z.array(personRef.extend({ isLeader: z.boolean(), away: z.boolean() })),
  /** A swap waiting for an answer on this shift. */
  pendingSwap: z.object({ id: z.string(), from: personRef, to: personRef }).nullable(),
  isHoliday: z.boolean(),
});
export type DutyShift = z.infer<typeof dutyShiftSchema>;

export const rosterMonthQuery = z.object({
  unitId: z.uuid(),
  /** "2026-12"; this month when absent. */
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});
export const rosterMonthResponse = z.object({
  unitId: z.string(),
  month: z.string(),
  slots: z.array(dutySlotSchema),
  shifts: z.array(dutyShiftSchema),
  holidays: z.array(z.object({ day: z.string(), name: z.string(), unitId: z.string() })),
  canManage: z.boolean(),
});

/** Set (create or replace) who is on duty in one slot on one day; an empty list removes the shift. */
export const dutyShiftBody = z.object({
  unitId: z.uuid(),
  day: isoDay,
  slotId: z.uuid(),
  personIds: z.array(z.uuid()).max(20),
  leaderId: z.uuid().nullable().optional(),
});

/** Copies the seven days before `weekStart` (a Monday) onto the week starting there. */
export const copyWeekBody = z.object({
  unitId: z.uuid(),
  weekStart: isoDay,
  /** Replace shifts already planned that week (default: keep them, copy only into empty slots). */
  replace: z.boolean().optional(),
});
export const copyWeekResponse = z.object({ copied: z.number(), kept: z.number() });

export const swapSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  shift: z.object({
    id: z.string(),
    day: z.string(),
    slotName: z.string(),
    startsAt: z.date(),
    endsAt: z.date(),
  }),
  from: personRef,
  to: personRef,
  status: z.enum(swapStatusValues),
  note: z.string().nullable(),
  createdAt: z.date(),
  canAccept: z.boolean(),
  canCancel: z.boolean(),
});
export const swapBody = z.object({
  shiftId: z.uuid(),
  toPersonId: z.uuid(),
  note: z.string().max(500).optional(),
});
export const swapDecisionBody = z.object({ decision: z.enum(["accept", "decline", "cancel"]) });
export const swapListResponse = z.object({ items: z.array(swapSchema) });

export const holidayBody = z.object({
  unitId: z.uuid(),
  day: isoDay,
  name: z.string().trim().min(1).max(120),
});
export const holidayParams = z.object({ unitId: z.uuid(), day: isoDay });

export const awayBody = z.object({
  away: z.boolean(),
  /** Back automatically at this time. */
  until: z.coerce.date().optional(),
});
export const awayResponse = z.object({ away: z.boolean(), until: z.date().nullable() });

/** Who is on duty now for a unit, and when the office is next back when nobody is. */
export const onDutyQuery = z.object({ unitId: z.uuid() });
export const onDutyResponse = z.object({
  onDuty: z.array(personRef.extend({ isLeader: z.boolean(), away: z.boolean() })),
  currentShiftEndsAt: z.date().nullable(),
  nextShiftStartsAt: z.date().nullable(),
});

/** My own shifts (the member's view): the next 30 days. */
export const myShiftsResponse = z.object({ items: z.array(dutyShiftSchema) });

const ok = z.object({ ok: z.literal(true) });

export const rosterEndpoints = {
  "GET /api/roster/slots": { query: z.object({ unitId: z.uuid() }), response: dutySlotListResponse },
  "POST /api/roster/slots": { body: dutySlotBody, response: dutySlotSchema },
  "PUT /api/roster/slots/:id": { params: rosterIdParams, body: dutySlotBody, response: dutySlotSchema },
  "DELETE /api/roster/slots/:id": { params: rosterIdParams, response: ok },
  "GET /api/roster/month": { query: rosterMonthQuery, response: rosterMonthResponse },
  "PUT /api/roster/shifts": { body: dutyShiftBody, response: ok },
  "POST /api/roster/copy-week": { body: copyWeekBody, response: copyWeekResponse },
  "GET /api/roster/swaps": { query: z.object({ unitId: z.uuid().optional() }), response: swapListResponse },
  "POST /api/roster/swaps": { body: swapBody, response: swapSchema },
  "POST /api/roster/swaps/:id/decision": {
    params: rosterIdParams,
    body: swapDecisionBody,
    response: swapSchema,
  },
  "POST /api/roster/holidays": { body: holidayBody, response: ok },
  "DELETE /api/roster/holidays/:unitId/:day": { params: holidayParams, response: ok },
  "PUT /api/roster/me/away": { body: awayBody, response: awayResponse },
  "GET /api/roster/me/away": { response: awayResponse },
  "GET /api/roster/me/shifts": { response: myShiftsResponse },
  "GET /api/roster/on-duty": { query: onDutyQuery, response: onDutyResponse },
} as const;

import { randomBytes } from "node:crypto";
import type { Db } from "../../../db/client.ts";
import { dutyAssignments, dutyHolidays, dutyShifts } from "../../../db/schema/inbox.ts";
import { recordIncomingIn } from "../ingest/record.ts";
import { shiftInstants } from "../roster/vietnam-days.ts";

/* Rosters and conversations for the targets' tests, written as the roster and the ingest write them. */

/** "2030-01-07 07:30" Vietnam time → the instant. */
export function vn(dayAndTime: string): Date {
  return new Date(`${dayAndTime.replace(" ", "T")}:00+07:00`);
}

/** A shift of the unit on a Vietnam day ("07:00"–"11:30"; an end before the start runs past midnight). */
export async function addShift(
  db: Db,
  unitId: string,
  day: string,
  start: string,
  end: string,
  people: { id: string; leader?: boolean }[],
): Promise<string> {
  const minute = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const { startsAt, endsAt } = shiftInstants(day, minute(start), minute(end));
  const [shift] = await db
    .insert(dutyShifts)
    .values({ unitId, day, startsAt, endsAt })
    .returning({ id: dutyShifts.id });
  const shiftId = shift?.id ?? "";
  if (people.length > 0) {
    await db
      .insert(dutyAssignments)
      .values(people.map((person) => ({ shiftId, personId: person.id, isLeader: person.leader ?? false })));
  }
  return shiftId;
}

export async function addHoliday(db: Db, unitId: string, day: string, name: string): Promise<void> {
  await db.insert(dutyHolidays).values({ unitId, day, name });
}

/** A portal question arriving at `at`, through the ingest's own path (contact, conversation, targets armed). */
export async function receive(
  db: Db,
  unitId: string,
  at: Date,
  options: { name?: string; text?: string; asker?: string } = {},
): Promise<string> {
  const result = await db.transaction((tx) =>
    recordIncomingIn(tx, {
      source: "portal",
      unitId,
      channelId: null,
      channelKey: `portal:${unitId}`,
      kind: "question",
      direction: "in",
      contact: {
        externalId: options.asker ?? `asker-${randomBytes(4).toString("hex")}`,
        displayName: options.name ?? "Trần Thị Hỏi",
        email: "hoi@example.vn",
      },
      externalId: `q-${randomBytes(6).toString("hex")}`,
      text: options.text ?? "Xin hỏi thủ tục cấp lại căn cước?",
      sentAt: at,
    }),
  );
  if (!result.conversationId) {
    throw new Error("the question made no conversation");
  }
  return result.conversationId;
}

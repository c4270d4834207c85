import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeMessenger, startFakeMessenger } from "../../../../../test/fakes/facebook-messenger.ts";
import { makePerson, makeUnit } from "../../../../../test/helpers/factories.ts";
import {
  connectedChannel,
  conversationRow,
  incoming,
  messagesOf,
} from "../../../../../test/helpers/inbox-outbound.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { dutyAssignments, dutyShifts, inboxSettings } from "../../../db/schema/inbox.ts";
import { autoReplyText, vietnamTimeWords } from "./auto-reply.ts";

/*
 * The auto-reply outside all shifts: sent once per conversation through the platform, saying when the
 * office is back in Vietnam time; never while someone is on duty.
 */

const HOUR = 60 * 60 * 1000;
const VIETNAM = 7 * HOUR;

let t: TestApp;
let messenger: FakeMessenger;

beforeAll(async () => {
  messenger = await startFakeMessenger();
  t = await createTestApp({ env: { CAUNOI_GRAPH_API_URL: messenger.origin } });
});
afterAll(async () => {
  await t?.close();
  await messenger?.close();
});

/** A unit with a connected page and one shift (with someone on it) from `start` to `end`. */
async function unitWithShift(start: Date, end: Date) {
  const unit = await makeUnit(t.db);
  const person = await makePerson(t.db, { unitId: unit.id, roles: ["duty_officer"] });
  const [shift] = await t.db
    .insert(dutyShifts)
    .values({
      unitId: unit.id,
      day: new Date(start.getTime() + VIETNAM).toISOString().slice(0, 10),
      startsAt: start,
      endsAt: end,
    })
    .returning();
  await t.db.insert(dutyAssignments).values({ shiftId: shift?.id ?? "", personId: person.id });
  const channelKey = await connectedChannel(t, {
    unitId: unit.id,
    platform: "facebook_page",
    accountId: messenger.pageId,
    token: messenger.token,
  });
  return { unitId: unit.id, channelKey };
}

/** 07:00 Vietnam time tomorrow. */
function tomorrowSeven(): Date {
  const vietnamToday = new Date(Date.now() + VIETNAM).toISOString().slice(0, 10);
  return new Date(new Date(`${vietnamToday}T00:00:00Z`).getTime() + 24 * HOUR);
}

async function citizenWrites(unit: { unitId: string; channelKey: string }, psid: string, text: string) {
  messenger.userWrote(psid, new Date());
  return incoming(t, {
    source: "facebook",
    unitId: unit.unitId,
    channelKey: unit.channelKey,
    contact: { externalId: psid, displayName: "Người dân buổi tối" },
    text,
  });
}

describe("the off-duty auto-reply", () => {
  it("words when the office is back in Vietnam time", () => {
    expect(vietnamTimeWords(new Date("2026-12-08T00:00:00Z"))).toBe("07:00 thứ Ba, 08/12");
    expect(vietnamTimeWords(new Date("2026-12-12T23:30:00Z"))).toBe("06:30 Chủ nhật, 13/12");
    expect(autoReplyText("Văn phòng mở lại lúc {gio_mo_cua}.", new Date("2026-12-08T06:30:00Z"))).toBe(
      "Văn phòng mở lại lúc 13:30 thứ Ba, 08/12.",
    );
  });

  it("is sent once per conversation outside all shifts, naming the next shift's start", async () => {
    const start = tomorrowSeven();
    const unit = await unitWithShift(start, new Date(start.getTime() + 4.5 * HOUR));
    const psid = `psid-${randomBytes(4).toString("hex")}`;
    const { conversationId } = await citizenWrites(unit, psid, "Cho hỏi giờ làm việc?");
    const auto = messenger.sent.filter((sent) => sent.recipient.id === psid);
    expect(auto).toHaveLength(1);
    expect(auto[0]?.messagingType).toBe("RESPONSE");
    expect(auto[0]?.text).toContain(vietnamTimeWords(start));
    expect(auto[0]?.text).toMatch(/^Cảm ơn bạn/);

    await citizenWrites(unit, psid, "Còn ai trực không?");
    expect(messenger.sent.filter((sent) => sent.recipient.id === psid)).toHaveLength(1);
    const rows = await messagesOf(t, conversationId);
    expect(rows.filter((m) => m.direction === "auto").map((m) => m.sendStatus)).toEqual(["sent"]);
    const conversation = await conversationRow(t, conversationId);
    expect(conversation.autoRepliedAt).not.toBeNull();
    // The auto-reply is not an answer: the first-response target still runs.
    expect(conversation.firstRespondedAt).toBeNull();
  });

  it("uses the unit's own words", async () => {
    const start = tomorrowSeven();
    const unit = await unitWithShift(start, new Date(start.getTime() + HOUR));
    await t.db
      .insert(inboxSettings)
      .values({ unitId: unit.unitId, autoReplyText: "UBND phường sẽ trả lời bạn lúc {gio_mo_cua}." });
    const psid = `psid-${randomBytes(4).toString("hex")}`;
    await citizenWrites(unit, psid, "Xin chào");
    expect(messenger.sent.filter((sent) => sent.recipient.id === psid).map((sent) => sent.text)).toEqual([
      `UBND phường sẽ trả lời bạn lúc ${vietnamTimeWords(start)}.`,
    ]);
  });

  it("is not sent while a shift with someone on it is running", async () => {
    const unit = await unitWithShift(new Date(Date.now() - HOUR), new Date(Date.now() + 2 * HOUR));
    const psid = `psid-${randomBytes(4).toString("hex")}`;
    const { conversationId } = await citizenWrites(unit, psid, "Cho hỏi");
    expect(messenger.sent.filter((sent) => sent.recipient.id === psid)).toHaveLength(0);
    expect((await conversationRow(t, conversationId)).autoRepliedAt).toBeNull();
  });

  it("is not sent when the unit turned it off", async () => {
    const start = tomorrowSeven();
    const unit = await unitWithShift(start, new Date(start.getTime() + HOUR));
    await t.db.insert(inboxSettings).values({ unitId: unit.unitId, autoReplyEnabled: false });
    const psid = `psid-${randomBytes(4).toString("hex")}`;
    await citizenWrites(unit, psid, "Cho hỏi");
    expect(messenger.sent.filter((sent) => sent.recipient.id === psid)).toHaveLength(0);
  });
});

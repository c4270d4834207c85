import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeOrganisation } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import {
  verificationCases,
  verificationEvents,
  verificationSuggestions,
  verificationTips,
} from "../../../db/schema/verification.ts";
import type { CaseMatch } from "../matching/index.ts";
import { eraseExpiredReporterEmails, REPORTER_EMAIL_RETENTION_DAYS, TIP_RETENTION_JOB } from "./retention.ts";
import { someAddress } from "./tips.test-helper.ts";

// What the matching part answers is set by each test, so intake's handling of a merge and of
// suggestions is checked whatever the thresholds; fingerprints and folding stay the real ones.
let nextMatches: CaseMatch[] = [];
vi.mock("../matching/index.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../matching/index.ts")>();
  return { ...real, findMatches: async () => nextMatches };
});

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // Public tips go to the highest unit's desk: there must be one.
  await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function sendTip(payload: Record<string, string>) {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/public/tips",
    payload,
    remoteAddress: someAddress(),
  });
  expect(response.statusCode, response.body).toBe(201);
  const [tip] = await t.db
    .select()
    .from(verificationTips)
    .where(eq(verificationTips.trackingCode, response.json().trackingCode));
  if (!tip) {
    throw new Error("tip not stored");
  }
  return tip;
}

const caseOf = async (id: string) =>
  (await t.db.select().from(verificationCases).where(eq(verificationCases.id, id)))[0];

describe("a tip matched to a known case", () => {
  it("is merged into it when the match is certain: demand rises, the timeline says so, no new case", async () => {
    nextMatches = [];
    const first = await sendTip({
      url: "https://www.facebook.com/trang.gia.mao/posts/999",
      text: "Trang giả mạo ủy ban phát quà",
    });
    const casesBefore = await t.db.$count(verificationCases);
    nextMatches = [{ caseId: first.caseId, score: 1, level: "merge", reasons: { url: true } }];
    const second = await sendTip({
      url: "https://m.facebook.com/trang.gia.mao/posts/999?fbclid=x",
      email: "nguoi.thu.hai@example.vn",
    });
    expect(second).toMatchObject({ caseId: first.caseId, match: "merged", matchScore: 1 });
    expect(await t.db.$count(verificationCases)).toBe(casesBefore);
    const merged = await caseOf(first.caseId);
    expect(merged?.demandCount).toBe(2);
    const events = await t.db
      .select()
      .from(verificationEvents)
      .where(eq(verificationEvents.caseId, first.caseId));
    expect(events.map((event) => event.kind).sort()).toEqual(["tip_merged", "tip_received"]);
    expect(events.find((event) => event.kind === "tip_merged")?.details).toMatchObject({
      tipId: second.id,
      score: 1,
    });
    expect(JSON.stringify(events)).not.toContain("nguoi.thu.hai@example.vn");
  });

  it("follows the case a matched case was merged into", async () => {
    nextMatches = [];
    const kept = await sendTip({ text: "Hồ sơ giữ lại sau khi gộp" });
    const gone = await sendTip({ text: "Hồ sơ đã gộp vào hồ sơ khác" });
    await t.db
      .update(verificationCases)
      .set({ status: "merged", mergedIntoId: kept.caseId })
      .where(eq(verificationCases.id, gone.caseId));
    nextMatches = [{ caseId: gone.caseId, score: 0.97, level: "merge", reasons: {} }];
    const third = await sendTip({ text: "Hồ sơ đã gộp vào hồ sơ khác, lần nữa" });
    expect(third.caseId).toBe(kept.caseId);
    expect((await caseOf(kept.caseId))?.demandCount).toBe(2);
  });

  it("opens a new case when the match is only likely, and suggests the known ones to the checkers", async () => {
    nextMatches = [];
    const known = await sendTip({ text: "Uống nước chanh nóng chữa khỏi bệnh ung thư giai đoạn cuối" });
    const other = await sendTip({ text: "Nước chanh nóng diệt tế bào ung thư" });
    nextMatches = [
      { caseId: known.caseId, score: 0.71, level: "suggest", reasons: { text: 0.71 } },
      { caseId: other.caseId, score: 0.55, level: "suggest", reasons: { text: 0.55 } },
    ];
    const reworded = await sendTip({
      text: "Chanh nóng uống mỗi sáng sẽ chữa được ung thư, ai cũng nên biết",
    });
    expect(reworded.match).toBe("new_case");
    expect([known.caseId, other.caseId]).not.toContain(reworded.caseId);
    const suggestions = await t.db
      .select()
      .from(verificationSuggestions)
      .where(eq(verificationSuggestions.caseId, reworded.caseId));
    expect(suggestions.map((row) => [row.candidateCaseId, row.score, row.status])).toEqual(
      expect.arrayContaining([
        [known.caseId, expect.closeTo(0.71, 5), "open"],
        [other.caseId, expect.closeTo(0.55, 5), "open"],
      ]),
    );
    expect((await caseOf(known.caseId))?.demandCount).toBe(1);
  });
});

describe("reporters' e-mails at the end of the case's retention", () => {
  const day = 24 * 60 * 60 * 1000;

  it(`erases them ${REPORTER_EMAIL_RETENTION_DAYS} days after a case is closed or published, keeps the tips`, async () => {
    nextMatches = [];
    const now = new Date("2027-06-01T00:00:00Z");
    const longAgo = new Date(now.getTime() - (REPORTER_EMAIL_RETENTION_DAYS + 1) * day);
    const recently = new Date(now.getTime() - 10 * day);
    const planted = {
      closedLongAgo: { status: "closed" as const, closedAt: longAgo },
      publishedLongAgo: { status: "published" as const, publishedAt: longAgo },
      closedRecently: { status: "closed" as const, closedAt: recently },
      publishedRecently: { status: "published" as const, publishedAt: recently },
      // Being corrected: its reporters will be told of the correction.
      pausedLongAgo: { status: "paused" as const, publishedAt: longAgo },
      open: { status: "checking" as const },
    };
    const tips: Record<string, Awaited<ReturnType<typeof sendTip>>> = {};
    for (const [name, values] of Object.entries(planted)) {
      const tip = await sendTip({
        text: `Tin đồn để thử thời hạn lưu trữ: ${name}`,
        email: `${name}@example.vn`,
      });
      await t.db.update(verificationCases).set(values).where(eq(verificationCases.id, tip.caseId));
      tips[name] = tip;
    }
    expect(await eraseExpiredReporterEmails(t.db, now)).toBeGreaterThanOrEqual(2);
    const emailOf = async (name: string) =>
      (
        await t.db
          .select()
          .from(verificationTips)
          .where(eq(verificationTips.id, tips[name]?.id ?? ""))
      )[0];
    expect((await emailOf("closedLongAgo"))?.email).toBeNull();
    expect((await emailOf("publishedLongAgo"))?.email).toBeNull();
    expect((await emailOf("closedLongAgo"))?.text).toContain("closedLongAgo");
    expect((await emailOf("closedRecently"))?.email).toBe("closedRecently@example.vn");
    expect((await emailOf("publishedRecently"))?.email).toBe("publishedRecently@example.vn");
    expect((await emailOf("pausedLongAgo"))?.email).toBe("pausedLongAgo@example.vn");
    expect((await emailOf("open"))?.email).toBe("open@example.vn");
    // A second run finds nothing more to erase.
    expect(await eraseExpiredReporterEmails(t.db, now)).toBe(0);
  });

  it("runs every day as a scheduled job", async () => {
    const schedules = await t.jobs.boss.getSchedules();
    expect(schedules.find((schedule) => schedule.name === TIP_RETENTION_JOB)).toMatchObject({
      cron: "15 3 * * *",
    });
  });
});

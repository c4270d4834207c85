import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { vietnamToday } from "../../../../shared/vietnam-time.ts";
import { plantCase } from "../indicators/plant-cases.test-helper.ts";
import { metricsPeriod } from "./metrics.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let child: Awaited<ReturnType<typeof makeUnit>>;
let provinceReader: SessionClient;
let leftReader: SessionClient;
let rightReader: SessionClient;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  child = await makeUnit(t.db, { parentId: org.left.id, name: "Thôn Đồng Mới" });
  provinceReader = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.root.id, roles: ["approver"] })).email ?? "",
  );
  leftReader = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["checker"] })).email ?? "",
  );
  rightReader = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.right.id, roles: ["checker"] })).email ?? "",
  );

  // Scams on the left: first actions after 10, 20, 30 and 600 minutes → median 25 min (the mean, 165, would fail).
  const created = daysAgo(3);
  const scams = [
    { firstActionAfter: 10, verdictAfter: 60, publishedAfter: 90 },
    { firstActionAfter: 20, verdictAfter: 120, publishedAfter: 150 },
    { firstActionAfter: 30, verdictAfter: 9000, publishedAfter: 9100 },
    { firstActionAfter: 600 },
  ];
  for (const [index, times] of scams.entries()) {
    await plantCase(t.db, {
      unitId: index === 3 ? child.id : org.left.id,
      createdAt: created,
      status: times.publishedAfter ? "published" : "checking",
      ...times,
      ...(times.verdictAfter ? { verdict: { label: "fake" as const, status: "published" as const } } : {}),
    });
  }
  // Health on the left: 5, 7 and 1000 minutes → median 7 (mean 337); one closed without a public label.
  for (const [index, minutes] of [5, 7, 1000].entries()) {
    await plantCase(t.db, {
      unitId: org.left.id,
      category: "health",
      createdAt: daysAgo(2),
      firstActionAfter: minutes,
      verdictAfter: index === 0 ? 30 : undefined,
      status: index === 0 ? "closed" : "checking",
      ...(index === 0
        ? { verdict: { label: "insufficient_evidence" as const, status: "signed_off" as const } }
        : {}),
    });
  }
  // Not counted by the left's reader: a sibling's case, an old case, a merged duplicate.
  await plantCase(t.db, { unitId: org.right.id, createdAt: created, firstActionAfter: 1 });
  await plantCase(t.db, { unitId: org.left.id, createdAt: daysAgo(90), firstActionAfter: 1 });
  await plantCase(t.db, { unitId: org.left.id, createdAt: created, firstActionAfter: 1, status: "merged" });
});
afterAll(async () => {
  await t?.close();
});

const get = (client: SessionClient, query = "") =>
  client.request({ method: "GET", url: `/api/verification/metrics${query}` });

describe("the desk's metrics", () => {
  it("gives true medians (not means) by category, in seconds, over the cases that reached each step", async () => {
    const response = await get(leftReader);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.to).toBe(vietnamToday());
    const scam = body.byCategory.find((row: { category: string }) => row.category === "scam");
    const health = body.byCategory.find((row: { category: string }) => row.category === "health");
    expect(scam).toEqual({
      category: "scam",
      cases: 4,
      firstAction: 25 * 60,
      verdict: 120 * 60,
      publication: 150 * 60,
    });
    expect(health).toEqual({
      category: "health",
      cases: 3,
      firstAction: 7 * 60,
      verdict: 30 * 60,
      publication: null,
    });
    // All seven: 5, 7, 10, 20, 30, 600, 1000 minutes.
    expect(body.overall).toMatchObject({ cases: 7, firstAction: 20 * 60 });
  });

  it("splits by unit and counts by label and status", async () => {
    const body = (await get(leftReader)).json();
    const byUnit = Object.fromEntries(
      body.byUnit.map((row: { unitName: string; cases: number }) => [row.unitName, row.cases]),
    );
    expect(byUnit).toEqual({ [org.left.name]: 6, "Thôn Đồng Mới": 1 });
    expect(body.byLabel).toEqual([
      { label: "fake", cases: 3 },
      { label: null, cases: 3 },
      { label: "insufficient_evidence", cases: 1 },
    ]);
    expect(body.byStatus).toEqual([
      { status: "checking", cases: 3 },
      { status: "published", cases: 3 },
      { status: "closed", cases: 1 },
    ]);
  });

  it("keeps to the reader's units and the chosen period and unit", async () => {
    const sibling = (await get(rightReader)).json();
    expect(sibling.overall.cases).toBe(1);
    expect((await get(rightReader, `?unitId=${org.left.id}`)).statusCode).toBe(403);
    const childOnly = (await get(leftReader, `?unitId=${child.id}`)).json();
    expect(childOnly.overall).toMatchObject({ cases: 1, firstAction: 600 * 60, verdict: null });
    const province = (await get(provinceReader)).json();
    expect(province.overall.cases).toBe(8);
    const old = daysAgo(95).toISOString().slice(0, 10);
    const earlier = (
      await get(leftReader, `?from=${old}&to=${daysAgo(80).toISOString().slice(0, 10)}`)
    ).json();
    expect(earlier.overall).toMatchObject({ cases: 1, firstAction: 60 });
    expect((await get(leftReader, "?from=2026-05-02&to=2026-05-01")).statusCode).toBe(400);
    expect((await get(leftReader, "?from=2024-01-01&to=2026-01-01")).statusCode).toBe(400);
    expect((await get(leftReader, "?from=0000-01-01&to=0000-12-31")).statusCode).toBe(400);
  });

  it("reads a period as Vietnam days, last 30 by default", () => {
    const period = metricsPeriod(undefined, "2026-03-31");
    expect(period.from).toBe("2026-03-02");
    expect(period.start.toISOString()).toBe("2026-03-01T17:00:00.000Z");
    expect(period.end.toISOString()).toBe("2026-03-31T17:00:00.000Z");
  });
});

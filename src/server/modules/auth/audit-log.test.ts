import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { queryRows } from "../../db/client.ts";
import { auditEvents, posts, postVariants } from "../../db/schema/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface ShownEvent {
  id: number;
  action: string;
  actorId: string | null;
  actorName: string | null;
  times: number;
  at: string;
  firstAt: string;
  targetId: string | null;
  details: Record<string, unknown> | null;
  subject: { type: string; id: string; name: string | null; linkId: string; kind: string | null } | null;
  refs: Record<string, string>;
}

describe("audit log as the page shows it", () => {
  it("folds reads of personal data per reader, view and hour, keeps every read, and pages the folded rows", async () => {
    const org = await makeOrganisation(t.db);
    const root = await signInAs(t.app, org.rootAdmin.email ?? "");
    const someone = await makePerson(t.db, { unitId: org.left.id, fullName: "Trần Thị Được Xem" });
    const other = await makePerson(t.db, { unitId: org.left.id });
    const read = (actorId: string, at: string, view: { q?: string; personId?: string }) => ({
      actorId,
      at: new Date(at),
      action: view.personId ? "person.read" : "person.list",
      unitId: view.personId ? org.left.id : null,
      unitPath: view.personId ? org.left.path : null,
      targetType: view.personId ? "person" : null,
      targetId: view.personId ?? null,
      details: view.personId ? null : { q: view.q ?? null, count: 40, personIds: [] },
    });
    const admin = org.leftAdmin.id;
    await t.db.insert(auditEvents).values([
      // Three views of the same list within 10:00–11:00: one row, "3 times".
      read(admin, "2026-01-05T10:05:00+07:00", { q: "Nguyễn" }),
      read(admin, "2026-01-05T10:40:00+07:00", { q: "Nguyễn" }),
      read(admin, "2026-01-05T10:59:00+07:00", { q: "Nguyễn" }),
      // The next hour, another search, another reader: rows of their own.
      read(admin, "2026-01-05T11:01:00+07:00", { q: "Nguyễn" }),
      read(admin, "2026-01-05T10:10:00+07:00", { q: "Trần" }),
      read(org.rightAdmin.id, "2026-01-05T10:15:00+07:00", { q: "Nguyễn" }),
      // One person's record read twice, another person's once.
      read(admin, "2026-01-05T10:20:00+07:00", { personId: someone.id }),
      read(admin, "2026-01-05T10:30:00+07:00", { personId: someone.id }),
      read(admin, "2026-01-05T10:35:00+07:00", { personId: other.id }),
    ]);
    const window = "from=2026-01-05T09:00:00%2B07:00&to=2026-01-05T12:00:00%2B07:00";

    const lists = (
      await root.request({ method: "GET", url: `/api/audit?action=person.list&${window}` })
    ).json();
    const shown = (lists.items as ShownEvent[]).map((e) => [e.actorId, e.details?.q, e.times]);
    expect(shown).toEqual([
      [admin, "Nguyễn", 1],
      [admin, "Nguyễn", 3],
      [org.rightAdmin.id, "Nguyễn", 1],
      [admin, "Trần", 1],
    ]);
    expect(lists.total).toBe(4);
    const folded = (lists.items as ShownEvent[])[1] as ShownEvent;
    expect(new Date(folded.firstAt).toISOString()).toBe("2026-01-05T03:05:00.000Z");
    expect(new Date(folded.at).toISOString()).toBe("2026-01-05T03:59:00.000Z");
    expect(folded.actorName).toBe(
      (await queryRows<{ full_name: string }>(t.db, sql`select full_name from people where id = ${admin}`))[0]
        ?.full_name,
    );

    const records = (
      await root.request({ method: "GET", url: `/api/audit?action=person.read&${window}` })
    ).json();
    expect((records.items as ShownEvent[]).map((e) => [e.targetId, e.times])).toEqual([
      [other.id, 1],
      [someone.id, 2],
    ]);
    expect((records.items as ShownEvent[])[1]?.subject).toMatchObject({
      type: "person",
      name: "Trần Thị Được Xem",
      linkId: someone.id,
    });

    // The table keeps every read; only the page folds them.
    const kept = await queryRows<{ count: number }>(
      t.db,
      sql`select count(*)::int as count from audit_events where at >= '2026-01-05T02:00:00Z' and at < '2026-01-05T05:00:00Z'`,
    );
    expect(kept[0]?.count).toBe(9);

    // Pages are pages of shown rows: 6 rows in the window, no row twice, none lost.
    const pages = [];
    for (const page of [1, 2, 3]) {
      pages.push(
        (await root.request({ method: "GET", url: `/api/audit?${window}&pageSize=2&page=${page}` })).json(),
      );
    }
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6]);
    const ids = pages.flatMap((p) => (p.items as ShownEvent[]).map((e) => e.id));
    expect(new Set(ids).size).toBe(6);
    expect(pages.flatMap((p) => (p.items as ShownEvent[]).map((e) => e.times)).reduce((a, b) => a + b)).toBe(
      9,
    );
  });

  it("names the object of each event, links a variant to its post, and names ids in the details", async () => {
    const org = await makeOrganisation(t.db);
    const root = await signInAs(t.app, org.rootAdmin.email ?? "");
    const [post] = await t.db
      .insert(posts)
      .values({
        unitId: org.left.id,
        title: "Cảnh báo lừa đảo qua điện thoại",
        slug: `canh-bao-${randomUUID()}`,
      })
      .returning();
    const [variant] = await t.db
      .insert(postVariants)
      .values({ postId: post?.id as string, target: "facebook_page", channelId: randomUUID() })
      .returning();
    await t.db.insert(auditEvents).values({
      actorId: org.leftAdmin.id,
      action: "publishing.approve",
      unitId: org.left.id,
      unitPath: org.left.path,
      targetType: "variant",
      targetId: variant?.id,
      details: { level: 1, needed: 1 },
    });
    const moved = await root.request({
      method: "POST",
      url: "/api/units",
      payload: { name: "Chi đoàn Mới", kind: "cell", parentId: org.left.id },
    });
    expect(moved.statusCode).toBe(201);

    const log = (await root.request({ method: "GET", url: "/api/audit?pageSize=200" })).json();
    const approval = (log.items as ShownEvent[]).find((e) => e.action === "publishing.approve");
    expect(approval?.subject).toEqual({
      type: "variant",
      id: variant?.id,
      name: "Cảnh báo lừa đảo qua điện thoại",
      linkId: post?.id,
      kind: "facebook_page",
    });
    expect(approval?.actorName).toBeTruthy();
    const created = (log.items as ShownEvent[]).find(
      (e) => e.action === "unit.create" && e.targetId === moved.json().id,
    );
    expect(created?.subject?.name).toBe("Chi đoàn Mới");
    expect(created?.refs[org.left.id]).toBe(org.left.name);

    const signIns = (
      await root.request({ method: "GET", url: "/api/audit?action=auth.sign_in&pageSize=200" })
    ).json();
    expect(new Set((signIns.items as ShownEvent[]).map((e) => e.action))).toEqual(new Set(["auth.sign_in"]));
  });
});

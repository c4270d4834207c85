import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messengerMessage, pageDelivery } from "../../../../../test/fakes/facebook-webhooks.ts";
import { eventually } from "../../../../../test/helpers/eventually.ts";
import { makeUnit } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { inboxDeliveries, inboxMessages } from "../../../db/schema/inbox.ts";
import { channelConnections } from "../../../db/schema/index.ts";
import { registerChannel } from "../../channels/index.ts";
import { processWaitingDeliveries, purgeOldDeliveries } from "./worker.ts";

/*
 * The delivery worker as two instances would run it: several drains at once over the same waiting
 * deliveries (besides the app's own loop) record every message once and mark every delivery once.
 */

const pageId = `2047${Date.now()}`;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const unitId = (await makeUnit(t.db)).id;
  const channelId = (
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId,
        platform: "facebook_page",
        url: `https://www.facebook.com/worker-${Date.now()}`,
        displayName: "Trang",
      },
    )
  ).id;
  await t.db.insert(channelConnections).values({ channelId, connector: "facebook_page", accountId: pageId });
});
afterAll(async () => {
  await t?.close();
});

async function drain() {
  while ((await processWaitingDeliveries(t.app.deps, 7)) > 0) {
    // until nothing waits
  }
}

describe("the delivery worker", () => {
  it("several drains at once take each delivery once and make each message once", async () => {
    const mids: string[] = [];
    const bodies: { source: "facebook"; body: string }[] = [];
    for (let i = 0; i < 60; i += 1) {
      // A few people writing many times, some deliveries batched with two events, some sent twice.
      const message = messengerMessage({ pageId, psid: `psid-${i % 5}`, text: `Tin ${i}` });
      const other = messengerMessage({ pageId, psid: `psid-${(i + 1) % 5}`, text: `Tin ${i}b` });
      mids.push(message.message.mid, other.message.mid);
      const body = pageDelivery({ pageId, messaging: [message, other] });
      bodies.push({ source: "facebook", body });
      if (i % 7 === 0) {
        bodies.push({ source: "facebook", body });
      }
    }
    const inserted = await t.db.insert(inboxDeliveries).values(bodies).returning({ id: inboxDeliveries.id });
    await Promise.all([drain(), drain(), drain()]);
    // A drain stops when every waiting delivery is locked by another (SKIP LOCKED), and the app's own
    // loop may still hold a batch: wait for the deliveries, not for the drains.
    const unprocessed = async () => {
      const [row] = await t.db
        .select({ n: sql<number>`count(*)` })
        .from(inboxDeliveries)
        .where(
          sql`${inboxDeliveries.processedAt} is null and ${inboxDeliveries.id} in (${sql.join(
            inserted.map((delivery) => sql`${delivery.id}`),
            sql`, `,
          )})`,
        );
      return Number(row?.n);
    };
    await eventually(async () => (await unprocessed()) === 0, { what: "every delivery processed" });
    const rows = await t.db
      .select({ externalId: inboxMessages.externalId })
      .from(inboxMessages)
      .where(inArray(inboxMessages.externalId, mids));
    expect(rows).toHaveLength(mids.length);
    expect(new Set(rows.map((row) => row.externalId)).size).toBe(mids.length);
  });

  it("a NUL character or a nonsense time in a message does not stop the delivery", async () => {
    const bad = messengerMessage({ pageId, psid: "psid-nul", text: "a\u0000b", timestamp: 1e20 });
    const good = messengerMessage({ pageId, psid: "psid-nul", text: "bình thường" });
    const [row] = await t.db
      .insert(inboxDeliveries)
      .values({ source: "facebook", body: pageDelivery({ pageId, messaging: [bad, good] }) })
      .returning({ id: inboxDeliveries.id });
    await drain();
    const [delivery] = await t.db
      .select()
      .from(inboxDeliveries)
      .where(eq(inboxDeliveries.id, row?.id ?? 0));
    expect(delivery?.processedAt).not.toBeNull();
    const [stored] = await t.db
      .select()
      .from(inboxMessages)
      .where(eq(inboxMessages.externalId, bad.message.mid));
    expect(stored?.text).toBe("ab");
    expect(
      await t.db.select().from(inboxMessages).where(eq(inboxMessages.externalId, good.message.mid)),
    ).toHaveLength(1);
  });

  it("purges processed deliveries after a week, and keeps what still waits", async () => {
    const old = new Date(Date.now() - 8 * 24 * 3600_000);
    const rows = await t.db
      .insert(inboxDeliveries)
      .values([
        { source: "facebook", body: "{}", receivedAt: old, processedAt: old },
        { source: "facebook", body: "{}", receivedAt: new Date(), processedAt: new Date() },
      ])
      .returning({ id: inboxDeliveries.id });
    expect(await purgeOldDeliveries(t.db)).toBeGreaterThanOrEqual(1);
    const left = await t.db
      .select({ id: inboxDeliveries.id })
      .from(inboxDeliveries)
      .where(
        inArray(
          inboxDeliveries.id,
          rows.map((row) => row.id),
        ),
      );
    expect(left.map((row) => row.id)).toEqual([rows[1]?.id]);
  });
});

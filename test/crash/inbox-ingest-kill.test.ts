import { afterAll, describe, expect, it } from "vitest";
import { fakeFacebook, messengerMessage, pageDelivery } from "../fakes/facebook-webhooks.ts";
import {
  drained,
  type InboxServer,
  startInboxServer,
  webhookSecrets,
} from "../helpers/inbox-webhook-server.ts";
import {
  type ServerProcess,
  type ServerStorage,
  serverStorage,
  startServerProcess,
} from "../helpers/server-process.ts";

/*
 * kill -9 in the middle of a burst of Facebook deliveries. The webhook answers 200 only once the
 * delivery is committed, and Meta redelivers whatever was not answered 200; so after the restart and
 * the fake Meta's redeliveries, every message the burst carried exists, and exactly once (a delivery
 * committed whose 200 the kill swallowed comes again, and its messages are deduplicated by mid).
 */

const deliveries = process.env.TEST_DATABASE_URL ? 1500 : 400;
const concurrency = 24;

let storage: ServerStorage | undefined;
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.killHard();
  await storage?.dispose();
});

describe("kill -9 during a burst of webhook deliveries", () => {
  it("every message the platform sent exists exactly once after the restart and the redeliveries", async () => {
    storage = await serverStorage("caunoi-kill-inbox");
    const pageId = `10${Date.now()}`;
    const inbox: InboxServer = await startInboxServer(storage, pageId);
    server = inbox.server;
    const meta = fakeFacebook({
      origin: () => server?.url ?? "",
      appSecret: webhookSecrets.FACEBOOK_APP_SECRET,
      verifyToken: webhookSecrets.FACEBOOK_VERIFY_TOKEN,
      retryDelaysMs: [20, 50, 100, 200, 400, 800, 1000],
      maxAttempts: 10_000,
    });

    // Bodies made in advance: 1 to 3 messages each (Meta batches), from 150 people.
    const mids = new Set<string>();
    const bodies = Array.from({ length: deliveries }, (_, index) => {
      const events = Array.from({ length: 1 + (index % 3) }, (_, k) =>
        messengerMessage({ pageId, psid: `psid-${(index * 7 + k) % 150}`, text: `Tin nhắn ${index}.${k}` }),
      );
      for (const event of events) {
        mids.add(event.message.mid);
      }
      return pageDelivery({ pageId, messaging: events });
    });

    let next = 0;
    let acknowledged = 0;
    let retried = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const outcome = await meta.deliver(body);
        if (outcome.acknowledged) {
          acknowledged += 1;
        }
        if (outcome.attempts > 1) {
          retried += 1;
        }
      }
    };
    const senders = Array.from({ length: concurrency }, worker);

    // The kill lands mid-burst: once a third has been answered.
    while (acknowledged < deliveries / 3) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const killedAfter = acknowledged;
    await server.killHard();
    server = await startServerProcess({ storage, env: inbox.env });
    await Promise.all(senders);
    expect(acknowledged).toBe(deliveries);
    expect(retried).toBeGreaterThan(0);

    const result = await drained(storage, { ...inbox, server });
    server = result.server;
    console.log(
      `kill -9 inbox burst: ${deliveries} deliveries (${mids.size} messages), killed after ${killedAfter} answered, ${retried} redelivered; ${result.counts.messages} messages stored`,
    );
    expect(result.counts.waiting).toBe(0);
    expect(result.counts.distinct).toBe(mids.size);
    expect(result.counts.messages).toBe(mids.size);
    await server.stop();
  }, 600_000);
});

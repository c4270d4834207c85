import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ServerStorage,
  serverStorage,
  signInOver,
  startServerProcess,
} from "../helpers/server-process.ts";

/*
 * kill -9 during a burst of share-link clicks. Hits wait in memory and are written in batches, so a
 * crash may lose the last flush interval's hits plus the batch being written (docs/architecture.md),
 * and must never count one twice. The server must come back on the same data after the crash.
 */

const phone =
  "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
const flushIntervalMs = 1000;
const batchSize = process.env.TEST_DATABASE_URL ? 2000 : 500;

let storage: ServerStorage | undefined;
afterAll(async () => {
  await storage?.dispose();
});

describe("kill -9 during a burst of tracked-link clicks", () => {
  it("loses at most the documented bound, counts nothing twice, and starts again on the same data", async () => {
    storage = await serverStorage("caunoi-kill-links");
    const adminEmail = "quantri@caunoi.test";
    const adminPassword = `mat-khau-${randomBytes(6).toString("hex")}`;
    const env = {
      CAUNOI_ADMIN_EMAIL: adminEmail,
      CAUNOI_ADMIN_PASSWORD: adminPassword,
      CAUNOI_SECRET_KEY: randomBytes(32).toString("base64"),
    };
    let server = await startServerProcess({ storage, env });
    let api = await signInOver(server.url, adminEmail, adminPassword);
    const session = (await api("GET", "/api/auth/session")).json();
    const unitId: string = session.grants[0].unitId;
    const channel = await api("POST", "/api/channels", {
      unitId,
      platform: "facebook_page",
      url: "https://www.facebook.com/congantinhthu",
      displayName: "Công an tỉnh",
    });
    expect(channel.status).toBe(201);
    const kit = await api("POST", "/api/share-kits", {
      unitId,
      url: "https://www.facebook.com/congantinhthu/posts/123",
      title: "Cảnh báo lừa đảo",
      captions: ["Mọi người cùng đọc"],
    });
    expect(kit.status).toBe(201);
    const kitId: string = kit.json().id;
    const feed = (await api("GET", "/api/me/share-feed")).json();
    const code: string = feed.items.find((item: { id: string }) => item.id === kitId).link.code;

    // The burst: 16 clients clicking as fast as the server answers, killed after 1.5 s.
    let sent = 0;
    const answeredAt: number[] = [];
    let stopped = false;
    const click = async () => {
      while (!stopped) {
        sent++;
        try {
          const response = await fetch(`${server.url}/s/${code}`, {
            redirect: "manual",
            headers: { "user-agent": phone },
          });
          await response.arrayBuffer();
          if (response.status === 302) {
            answeredAt.push(Date.now());
          }
        } catch {
          return; // The server is gone.
        }
      }
    };
    const clients = Array.from({ length: 16 }, click);
    // Time itself is the test's load: a burst of fixed length, then the kill lands mid-stream.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const killedAt = Date.now();
    await server.killHard();
    stopped = true;
    await Promise.all(clients);
    const answered = answeredAt.length;
    expect(answered).toBeGreaterThan(100);

    server = await startServerProcess({ storage, env });
    api = await signInOver(server.url, adminEmail, adminPassword);
    const report = (await api("GET", `/api/share-kits/${kitId}/report`)).json();
    const recorded: number = report.totals.clicks;
    // What the last flush interval (and a little scheduling slack) answered, plus the batch in writing.
    const answeredLately = answeredAt.filter((at) => at > killedAt - flushIntervalMs * 1.5).length;
    const bound = answeredLately + batchSize;
    console.log(
      `kill -9 burst: ${sent} sent, ${answered} answered, ${recorded} recorded, ${answered - recorded} lost (bound ${bound})`,
    );
    expect(recorded).toBeLessThanOrEqual(sent);
    expect(answered - recorded).toBeLessThanOrEqual(bound);

    // After the restart, clicks are counted again, each once.
    for (let index = 0; index < 5; index++) {
      const response = await fetch(`${server.url}/s/${code}`, {
        redirect: "manual",
        headers: { "user-agent": phone },
      });
      expect(response.status).toBe(302);
    }
    await server.stop();
    server = await startServerProcess({ storage, env });
    api = await signInOver(server.url, adminEmail, adminPassword);
    const after = (await api("GET", `/api/share-kits/${kitId}/report`)).json();
    expect(after.totals.clicks).toBe(recorded + 5);
    await server.stop();
  }, 300_000);
});

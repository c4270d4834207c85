import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import { createTestDatabase } from "../../../../test/helpers/test-database.ts";
import { type Database, queryRows } from "../../db/client.ts";
import { createHitRecorder, type PendingHit, visitorHash } from "./hit-recorder.ts";
import { isWellFormedLinkCode, linkCodeLength, newLinkCode } from "./link-codes.ts";
import { deviceClassOf, hitKindOf, referrerDomainOf } from "./visitor-classes.ts";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const kitId = crypto.randomUUID();
const linkId = crypto.randomUUID();
const unitId = crypto.randomUUID();
/** A hit on one member's link from one phone, now. */
function hit(overrides: Partial<PendingHit> = {}): PendingHit {
  return {
    linkId,
    kitId,
    unitId,
    at: Date.now(),
    ip: "198.51.100.20",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148",
    referrer: "https://www.facebook.com/",
    ...overrides,
  };
}

async function storedFor(kit: string) {
  const [row] = await queryRows<{ total: number }>(
    database.db,
    sql`select coalesce(sum(hits), 0)::int as total from link_hits where kit_id = ${kit}`,
  );
  return Number(row?.total ?? 0);
}

describe("the hit recorder", () => {
  it("writes hits in batches off the caller's path, identical ones of a second as one counted row", async () => {
    const kit = crypto.randomUUID();
    const recorder = createHitRecorder(database.db, { flushIntervalMs: 60_000, batchSize: 500 });
    for (let i = 0; i < 1234; i++) {
      recorder.record(
        hit({
          kitId: kit,
          referrer: i === 0 ? "https://chat.zalo.me/" : undefined,
          userAgent: i === 1 ? "curl/8" : "Mozilla/5.0 (iPhone) Mobile",
        }),
      );
    }
    // Nothing is written until a batch fills or the interval passes: recording never waits.
    expect(recorder.stats().pending).toBeGreaterThan(0);
    await recorder.flush();
    expect(await storedFor(kit)).toBe(1234);
    const [rowCount] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from link_hits where kit_id = ${kit}`,
    );
    // 1,234 hits from one phone, one bot and one with a referrer, within a second or two.
    expect(Number(rowCount?.n)).toBeLessThanOrEqual(9);
    expect(recorder.stats()).toMatchObject({ pending: 0, written: 1234, dropped: 0 });
    const rows = await queryRows<{ kind: string; device: string; referrer_domain: string | null; n: number }>(
      database.db,
      sql`select kind, device, referrer_domain, sum(hits)::int as n from link_hits where kit_id = ${kit} group by 1, 2, 3 order by n, kind`,
    );
    expect(rows.map((row) => ({ ...row, n: Number(row.n) }))).toEqual([
      { kind: "bot", device: "other", referrer_domain: null, n: 1 },
      { kind: "click", device: "mobile", referrer_domain: "chat.zalo.me", n: 1 },
      { kind: "click", device: "mobile", referrer_domain: null, n: 1232 },
    ]);
    await recorder.close();
  });

  it("writes full batches as they fill and leaves a remainder for the next tick, not a query per handful", async () => {
    const kit = crypto.randomUUID();
    const recorder = createHitRecorder(database.db, { flushIntervalMs: 60_000, batchSize: 100 });
    for (let i = 0; i < 250; i++) {
      recorder.record(hit({ kitId: kit }));
    }
    // The interval is a minute away: whatever is written by then was written because a batch filled.
    await eventually(() => recorder.stats().written >= 200, { what: "the two full batches to be written" });
    expect(await storedFor(kit)).toBe(200);
    expect(recorder.stats().pending).toBe(50);
    await recorder.close();
    expect(await storedFor(kit)).toBe(250);
  });

  it("writes on its own within the interval, and everything left when closed", async () => {
    const kit = crypto.randomUUID();
    const recorder = createHitRecorder(database.db, { flushIntervalMs: 100 });
    recorder.record(hit({ kitId: kit }));
    await eventually(async () => (await storedFor(kit)) > 0, { what: "the interval's own write" });
    expect(await storedFor(kit)).toBe(1);
    for (let i = 0; i < 50; i++) {
      recorder.record(hit({ kitId: kit }));
    }
    await recorder.close();
    expect(await storedFor(kit)).toBe(51);
    // After closing, nothing more is taken in.
    recorder.record(hit({ kitId: kit }));
    expect(recorder.stats().pending).toBe(0);
  });

  it("keeps hits while the database refuses them and writes them once it is back", async () => {
    const kit = crypto.randomUUID();
    const errors: unknown[] = [];
    const recorder = createHitRecorder(database.db, {
      flushIntervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    await database.db.execute(sql`alter table link_hits rename to link_hits_away`);
    try {
      for (let i = 0; i < 10; i++) {
        recorder.record(hit({ kitId: kit }));
      }
      expect(await recorder.flush()).toBe(0);
      expect(errors).toHaveLength(1);
      expect(recorder.stats().pending).toBe(10);
    } finally {
      await database.db.execute(sql`alter table link_hits_away rename to link_hits`);
    }
    expect(await recorder.flush()).toBe(10);
    expect(await storedFor(kit)).toBe(10);
    await recorder.close();
  });

  it("drops the oldest beyond its bound while the database is away, and counts them", async () => {
    const kit = crypto.randomUUID();
    const recorder = createHitRecorder(database.db, {
      flushIntervalMs: 60_000,
      maxPending: 5,
      batchSize: 1000,
    });
    await database.db.execute(sql`alter table link_hits rename to link_hits_away`);
    try {
      for (let i = 0; i < 8; i++) {
        recorder.record(hit({ kitId: kit }));
      }
      await recorder.flush();
      expect(recorder.stats()).toMatchObject({ pending: 5, dropped: 3 });
    } finally {
      await database.db.execute(sql`alter table link_hits_away rename to link_hits`);
    }
    await recorder.close();
    expect(await storedFor(kit)).toBe(5);
  });

  it("hashes a visitor with the day's salt: the same person is one visitor a day, and yesterday's salt is discarded", async () => {
    const kit = crypto.randomUUID();
    const recorder = createHitRecorder(database.db, { flushIntervalMs: 60_000 });
    const now = Date.now();
    const yesterday = now - 86_400_000;
    recorder.record(hit({ kitId: kit, at: yesterday }));
    recorder.record(hit({ kitId: kit, at: yesterday }));
    recorder.record(hit({ kitId: kit, at: now }));
    recorder.record(hit({ kitId: kit, at: now }));
    recorder.record(hit({ kitId: kit, at: now, ip: "198.51.100.21" }));
    await recorder.close();
    const hashes = await queryRows<{ visitor_hash: string; ip_day: string; hits: number }>(
      database.db,
      sql`select visitor_hash, hits, (at < now() - interval '12 hours')::text as ip_day from link_hits where kit_id = ${kit} order by at, hits desc`,
    );
    // The same visitor twice in a second is one row of two hits; another address is another row.
    expect(hashes.map((row) => Number(row.hits))).toEqual([2, 2, 1]);
    const [yesterdays, todays, other] = hashes.map((row) => row.visitor_hash);
    expect(todays).not.toBe(yesterdays);
    expect(other).not.toBe(todays);
    expect(JSON.stringify(hashes)).not.toContain("198.51.100");
    // Only today's salt remains: yesterday's hashes can no longer be recomputed from an address.
    const salts = await queryRows<{ day: string }>(database.db, sql`select day::text from visitor_salts`);
    expect(salts).toHaveLength(1);
  });

  it("derives the hash from salt, address and agent only", () => {
    expect(visitorHash("s", "1.2.3.4", "ua")).toBe(visitorHash("s", "1.2.3.4", "ua"));
    expect(visitorHash("s", "1.2.3.4", "ua")).not.toBe(visitorHash("t", "1.2.3.4", "ua"));
    expect(visitorHash("s", "1.2.3.4", "ua")).not.toBe(visitorHash("s", "1.2.3.4", "ub"));
  });
});

describe("who followed a link", () => {
  const cases: [string, "click" | "preview" | "bot", "mobile" | "tablet" | "desktop" | "other"][] = [
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      "click",
      "mobile",
    ],
    [
      "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Zalo android/12100720 ZaloTheme/light ZaloLanguage/vn",
      "click",
      "mobile",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.31.105]",
      "click",
      "mobile",
    ],
    [
      "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
      "click",
      "tablet",
    ],
    [
      "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      "click",
      "tablet",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 coc_coc_browser/117.0.200",
      "click",
      "desktop",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
      "click",
      "desktop",
    ],
    ["Mozilla/5.0 (Mobile; rv:48.0; KAIOS/2.5) Gecko/48.0 Firefox/48.0 KAIOS/2.5", "click", "mobile"],
    ["facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "preview", "other"],
    ["Mozilla/5.0 (compatible; Zalo/1.0; +https://zalo.me)", "preview", "other"],
    ["ZaloPC-win32-24v", "preview", "other"],
    ["TelegramBot (like TwitterBot)", "preview", "other"],
    ["WhatsApp/2.23.20.0 A", "preview", "other"],
    ["Twitterbot/1.0", "preview", "other"],
    ["Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "preview", "other"],
    ["Viber/20.3.0", "preview", "other"],
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot", "other"],
    ["Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)", "bot", "other"],
    ["curl/8.5.0", "bot", "other"],
    ["python-requests/2.31.0", "bot", "other"],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
      "bot",
      "desktop",
    ],
  ];
  it.each(cases)("%s → %s on %s", (agent, kind, device) => {
    expect(hitKindOf(agent)).toBe(kind);
    expect(deviceClassOf(agent)).toBe(device);
  });

  it("counts a request with no agent as a robot", () => {
    expect(hitKindOf(undefined)).toBe("bot");
    expect(hitKindOf("")).toBe("bot");
  });

  it("keeps only the referring site's domain", () => {
    expect(referrerDomainOf("https://www.facebook.com/groups/123/posts/456?fbclid=x")).toBe("facebook.com");
    expect(referrerDomainOf("https://l.facebook.com/l.php?u=x")).toBe("facebook.com");
    expect(referrerDomainOf("https://chat.zalo.me/")).toBe("chat.zalo.me");
    expect(referrerDomainOf("android-app://com.zing.zalo/")).toBeNull();
    expect(referrerDomainOf("not a url")).toBeNull();
    expect(referrerDomainOf(undefined)).toBeNull();
  });
});

describe("link codes", () => {
  it("are always well formed, and any single changed character is refused", () => {
    fc.assert(
      fc.property(
        fc.nat(linkCodeLength - 1),
        fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        (position, character) => {
          const code = newLinkCode();
          expect(code).toHaveLength(linkCodeLength);
          expect(isWellFormedLinkCode(code)).toBe(true);
          const changed = code.slice(0, position) + character + code.slice(position + 1);
          expect(isWellFormedLinkCode(changed)).toBe(changed === code);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses anything else without looking it up", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        if (!/^[0-9A-Za-z]{9}$/.test(text)) {
          expect(isWellFormedLinkCode(text)).toBe(false);
        }
      }),
    );
  });
});

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../../test/helpers/test-database.ts";
import { type Database, queryRows } from "../../../db/client.ts";
import { hashImage } from "./image-hash.ts";
import { findMatches, writeFingerprints } from "./index.ts";
import { rumourPairs } from "./rumour-pairs.fixture.ts";
import { makeKnownCase } from "./test-cases.ts";

let database: Database;
const day = 86_400_000;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Each pair in its own unit-less world: the known case is `a`, the new tip is `b`. */
async function matchOf(a: string, b: string, createdAt?: Date) {
  const caseId = await makeKnownCase(database.db, { unitId: randomUUID(), text: a, createdAt });
  const matches = await findMatches(database.db, { text: b });
  // Only this pair's known case counts: other pairs' cases share topics on purpose.
  return { caseId, match: matches.find((m) => m.caseId === caseId), matches };
}

describe("text matching on real-looking rumours", () => {
  for (const pair of rumourPairs) {
    it(`${pair.expect}: ${pair.name}`, async () => {
      const { match } = await matchOf(pair.a, pair.b);
      if (pair.expect === "none") {
        expect(match).toBeUndefined();
      } else if (pair.expect === "merge") {
        expect(match?.level).toBe("merge");
      } else {
        expect(match, "a rewording must be found").toBeDefined();
      }
      // Cleaned up so the next pair's "none" is judged against its own pair only.
      await database.db.execute(sql`update verification_cases set status = 'merged'`);
    });
  }

  it("finds the rewording's case first among other electricity rumours", async () => {
    const electricity = rumourPairs.filter((p) => p.a.startsWith("Điện lực"));
    const rewording = electricity.find((p) =>
      p.name.startsWith("words replaced"),
    ) as (typeof electricity)[number];
    const others = electricity.filter((p) => p.expect === "none");
    expect(others.length).toBeGreaterThanOrEqual(2);
    const original = await makeKnownCase(database.db, { unitId: randomUUID(), text: rewording.a });
    for (const other of others) {
      await makeKnownCase(database.db, { unitId: randomUUID(), text: other.b });
    }
    const matches = await findMatches(database.db, { text: rewording.b });
    expect(matches.map((m) => m.caseId)).toEqual([original]);
    await database.db.execute(sql`update verification_cases set status = 'merged'`);
  });
});

describe("the two levels' rules", () => {
  it("only suggests a short text, even word for word", async () => {
    const { match } = await matchOf("Tối nay cắt điện toàn xã", "Tối nay cắt điện toàn xã!");
    expect(match?.level).toBe("suggest");
  });

  it("only suggests a case older than 90 days, and merges a 89-day-old one", async () => {
    const text = rumourPairs[0]?.a as string;
    const old = await matchOf(text, text, new Date(Date.now() - 91 * day));
    expect(old.match?.level).toBe("suggest");
    expect(old.match?.score).toBe(1);
    await database.db.execute(sql`update verification_cases set status = 'merged'`);
    const recent = await matchOf(text, text, new Date(Date.now() - 89 * day));
    expect(recent.match?.level).toBe("merge");
  });

  it("never answers a case merged into another one, nor the case asked to leave out", async () => {
    const text = `${rumourPairs[1]?.a} (bản ${randomUUID()})`;
    const merged = await makeKnownCase(database.db, { unitId: randomUUID(), text, status: "merged" });
    const open = await makeKnownCase(database.db, { unitId: randomUUID(), text });
    const ids = (await findMatches(database.db, { text })).map((m) => m.caseId);
    expect(ids).toContain(open);
    expect(ids).not.toContain(merged);
    const without = await findMatches(database.db, { text }, { excludeCaseId: open });
    expect(without.map((m) => m.caseId)).not.toContain(open);
  });

  it("merges the same link however it was typed, and suggests another post of the same page", async () => {
    const unitId = randomUUID();
    const post = await makeKnownCase(database.db, {
      unitId,
      url: "https://www.facebook.com/tintucnong24h/posts/987654",
    });
    const found = await findMatches(database.db, {
      url: "https://m.facebook.com/tintucnong24h/posts/987654/?fbclid=abc",
    });
    expect(found[0]).toMatchObject({ caseId: post, level: "merge", score: 1 });
    const sibling = await findMatches(database.db, { url: "https://facebook.com/tintucnong24h/posts/111" });
    expect(sibling.find((m) => m.caseId === post)?.level).toBe("suggest");
    const article = await makeKnownCase(database.db, { unitId, url: "https://baomoi.example.vn/tin-a.html" });
    expect(
      (await findMatches(database.db, { url: "https://baomoi.example.vn/tin-b.html" })).map((m) => m.caseId),
    ).not.toContain(article);
  });

  it("merges the same screenshot and a resized mirrored copy; a different picture matches nothing", async () => {
    const svg = (fill: string, x: number) =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="${fill}"/><circle cx="${x}" cy="200" r="90" fill="#fff"/><rect x="20" y="20" width="150" height="60" fill="#000"/></svg>`,
      );
    const original = await sharp(svg("#c0392b", 420)).png().toBuffer();
    const hashed = await hashImage(original);
    const caseId = await makeKnownCase(database.db, { unitId: randomUUID(), images: [hashed] });
    const same = await findMatches(database.db, { images: [hashed] });
    expect(same[0]).toMatchObject({ caseId, level: "merge", score: 1 });
    const copy = await hashImage(await sharp(original).flop().resize(300).jpeg({ quality: 60 }).toBuffer());
    expect((await findMatches(database.db, { images: [copy] }))[0]).toMatchObject({ caseId, level: "merge" });
    const other = await hashImage(await sharp(svg("#2e86c1", 120)).png().toBuffer());
    expect((await findMatches(database.db, { images: [other] })).map((m) => m.caseId)).not.toContain(caseId);
  });

  it("adds a merged tip's new keys to its case once, so its rewording finds the case too", async () => {
    const caseId = await makeKnownCase(database.db, {
      unitId: randomUUID(),
      url: "https://zalo-tin.example.vn/bai-9",
    });
    const tip = { text: rumourPairs[7]?.b as string, url: "https://zalo-tin.example.vn/bai-9" };
    await writeFingerprints(database.db, caseId, tip);
    await writeFingerprints(database.db, caseId, tip);
    const [{ count, distinct }] = (await queryRows<{ count: string; distinct: string }>(
      database.db,
      sql`select count(*)::text as count, count(distinct (kind, value))::text as distinct from verification_fingerprints where case_id = ${caseId}`,
    )) as [{ count: string; distinct: string }];
    expect(count).toBe(distinct);
    expect((await findMatches(database.db, { url: tip.url })).map((m) => m.caseId)).toContain(caseId);
  });

  it("finds a case by the OCR text of its screenshot", async () => {
    const caseId = await makeKnownCase(database.db, { unitId: randomUUID() });
    const ocrText = rumourPairs[9]?.a as string;
    await database.db.execute(
      sql`insert into verification_files (case_id, mime_type, byte_size, sha256, content, ocr_status, ocr_text)
          values (${caseId}, 'image/png', 1, ${randomUUID()}, '\\x00'::bytea, 'done', ${ocrText})`,
    );
    await writeFingerprints(database.db, caseId, { text: ocrText });
    const match = (await findMatches(database.db, { text: rumourPairs[9]?.b as string })).find(
      (m) => m.caseId === caseId,
    );
    expect(match?.level).toBe("suggest");
  });
});

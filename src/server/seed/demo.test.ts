import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/test-database.ts";
import { foldForSearch, normalizeVietnamesePhone } from "../../shared/vietnamese-text.ts";
import type { Database } from "../db/client.ts";
import { queryRows } from "../db/client.ts";
import { adminAreas, channels, people, roleGrants, unitHistory, units } from "../db/schema/index.ts";
import { startJobQueue } from "../jobs/queue.ts";
import { signIn } from "../modules/auth/service.ts";
import { lookupChannel } from "../modules/channels/public-service.ts";
import { localMediaStorage } from "../modules/media/storage.ts";
import { roles } from "../platform/actor.ts";
import type { AppError } from "../platform/errors.ts";
import { ensureRootUnit } from "./bootstrap.ts";
import { type DemoSeedResult, demoAccounts, seedDemoOrganisation } from "./demo.ts";
import { seedDemoAdvocacy } from "./demo-advocacy.ts";
import { seedDemoPosts } from "./demo-posts.ts";
import { demoAccountLines, demoAccountsPresent } from "./demo-summary.ts";
import { seedDemoVerification } from "./demo-verification.ts";

const DEMO_PASSWORD = "mật-khẩu-mẫu-2025";

let database: Database;
let seeded: DemoSeedResult;
let seconds = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const started = performance.now();
  seeded = await seedDemoOrganisation(database.db, { CAUNOI_DEMO_PASSWORD: DEMO_PASSWORD });
  seconds = (performance.now() - started) / 1000;
});
afterAll(async () => {
  await database?.close();
});

describe("demo organisation", () => {
  it("builds a province of communes and wards with 50+ units and 300+ people", async () => {
    console.log(
      `demo: ${seeded.units} units, ${seeded.people} people in ${seconds.toFixed(1)} s (${database.engine})`,
    );
    const [unitCount] = await database.db.select({ n: sql<number>`count(*)::int` }).from(units);
    const [peopleCount] = await database.db.select({ n: sql<number>`count(*)::int` }).from(people);
    expect(unitCount?.n).toBe(seeded.units);
    expect(peopleCount?.n).toBe(seeded.people);
    expect(seeded.units).toBeGreaterThanOrEqual(50);
    expect(seeded.people).toBeGreaterThanOrEqual(300);

    const [root] = await database.db.select().from(units).where(eq(units.id, seeded.rootUnitId));
    expect(root).toMatchObject({
      kind: "province",
      parentId: null,
      adminAreaCode: "08",
      name: "Tỉnh Tuyên Quang",
    });
    // main.ts picks the first parentless unit as the root: it must be the demo province.
    expect(await ensureRootUnit(database.db, "unused")).toBe(seeded.rootUnitId);

    // Communes and wards are real ones of the province, directly under it (no districts).
    const communes = await queryRows<{
      name: string;
      area_name: string | null;
      province_code: string | null;
      depth: number;
    }>(
      database.db,
      sql`select u.name, a.name as area_name, a.province_code, nlevel(u.path) as depth
            from units u left join admin_areas a on a.code = u.admin_area_code
           where u.kind = 'commune'`,
    );
    expect(communes.length).toBeGreaterThanOrEqual(10);
    expect(communes.length).toBeLessThanOrEqual(12);
    for (const commune of communes) {
      expect(commune.area_name).toBe(commune.name);
      expect(commune.province_code).toBe("08");
      expect(commune.depth).toBe(2);
    }
    expect(communes.some((c) => c.name.startsWith("Phường "))).toBe(true);
    expect(communes.some((c) => c.name.startsWith("Xã "))).toBe(true);
    const [province] = await database.db.select().from(adminAreas).where(eq(adminAreas.code, "08"));
    expect(province?.name).toBe("Tuyên Quang");

    const kinds = await database.db.selectDistinct({ kind: units.kind }).from(units);
    expect(kinds.map((k) => k.kind).sort()).toEqual([
      "agency",
      "cell",
      "commune",
      "mass_organisation",
      "party_committee",
      "province",
      "union_branch",
    ]);
    const names = (await database.db.select({ name: units.name }).from(units)).map((u) => u.name);
    for (const expected of [
      "Tỉnh ủy Tuyên Quang",
      "Ban Tuyên giáo và Dân vận Tỉnh ủy",
      "Ban Chỉ đạo 35 Tỉnh ủy",
      "Công an tỉnh Tuyên Quang",
      "Phòng An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao",
      "Bộ Chỉ huy Quân sự tỉnh Tuyên Quang",
      "Tỉnh đoàn Tuyên Quang",
      "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang",
    ]) {
      expect(names).toContain(expected);
    }
    // Provincial mass organisations are organisations in their own right, not a branch of one.
    const massOrganisations = await database.db
      .select({ name: units.name, kind: units.kind })
      .from(units)
      .where(inArray(units.code, ["TQ-TD", "TQ-HPN", "TQ-CCB"]));
    expect(massOrganisations.map((unit) => unit.kind)).toEqual([
      "mass_organisation",
      "mass_organisation",
      "mass_organisation",
    ]);
  });

  it("keeps unit history and search keys as the services write them", async () => {
    const missingHistory = await queryRows<{ id: string }>(
      database.db,
      sql`select u.id from units u
           where not exists (select 1 from unit_history h
                              where h.unit_id = u.id and h.change = 'created' and h.valid_to is null and h.path = u.path)`,
    );
    expect(missingHistory).toEqual([]);
    const [history] = await database.db.select({ n: sql<number>`count(*)::int` }).from(unitHistory);
    expect(history?.n).toBe(seeded.units);

    const rows = await database.db.select().from(people);
    for (const person of rows) {
      expect(person.searchKey).toBe(
        foldForSearch(`${person.fullName} ${person.email ?? ""} ${person.phone ?? ""}`),
      );
    }
  });

  it("invents realistic people: NFC names in both tone placements, unique e-mails, valid mobile numbers", async () => {
    const rows = await database.db.select().from(people);
    const emails = new Set<string>();
    const phones = new Set<string>();
    for (const person of rows) {
      expect(person.fullName).toBe(person.fullName.normalize("NFC"));
      expect(person.fullName.split(" ").length).toBeGreaterThanOrEqual(3);
      expect(person.position).toBeTruthy();
      expect(person.email).toMatch(/^[a-z0-9.]+@tuyenquang\.caunoi\.example$/);
      expect(person.phone && normalizeVietnamesePhone(person.phone)).toBe(person.phone);
      expect(person.phone).toMatch(/^0[35789]\d{8}$/);
      emails.add(person.email ?? "");
      phones.add(person.phone ?? "");
    }
    expect(emails.size).toBe(rows.length);
    expect(phones.size).toBe(rows.length);
    const fullNames = rows.map((p) => p.fullName);
    const hasWord = (word: string) => fullNames.some((name) => name.split(" ").includes(word));
    // Old and new tone placement both occur, as they do in real registers.
    expect(hasWord("Hoà") && hasWord("Hòa")).toBe(true);
    expect(hasWord("Thuỷ") && hasWord("Thủy")).toBe(true);
    const nguyen = fullNames.filter((name) => name.startsWith("Nguyễn ")).length / fullNames.length;
    expect(nguyen).toBeGreaterThan(0.2);
    expect(nguyen).toBeLessThan(0.5);
  });

  it("uses every role, with most people plain members", async () => {
    const counts = await database.db
      .select({ role: roleGrants.role, n: sql<number>`count(*)::int` })
      .from(roleGrants)
      .groupBy(roleGrants.role);
    const byRole = Object.fromEntries(counts.map((c) => [c.role, c.n]));
    for (const role of roles) {
      expect(byRole[role], role).toBeGreaterThan(0);
    }
    expect(byRole.member).toBe(seeded.people);
    const [onlyMembers] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from people p
           where not exists (select 1 from role_grants g where g.person_id = p.id and g.role <> 'member')`,
    );
    expect(onlyMembers?.n).toBeGreaterThan(seeded.people / 2);
    // Checkers sit at the Steering Committee 35 and the police's cyber-security department.
    const checkerUnits = await queryRows<{ code: string }>(
      database.db,
      sql`select distinct u.code from role_grants g join people p on p.id = g.person_id join units u on u.id = p.unit_id
           where g.role = 'checker' order by u.code`,
    );
    expect(checkerUnits.map((u) => u.code)).toEqual(["TQ-BCD35-TGV", "TQ-CA-ANM"]);
  });

  it("prints every demo account it creates, each signing in with the shared demo password", async () => {
    expect(seeded.demoPassword).toBe(DEMO_PASSWORD);
    const printed = demoAccountLines({
      accounts: await demoAccountsPresent(database.db),
      demoPassword: seeded.demoPassword,
    }).join("\n");
    expect(printed).toContain(`shared password of the accounts above: ${DEMO_PASSWORD}`);
    const printedEmails = [...printed.matchAll(/^ {4}(\S+@\S+) — /gm)].map((match) => match[1]);
    expect(printedEmails).toEqual(demoAccounts.map((account) => account.email));
    expect(demoAccounts.map((account) => account.role)).toContain("approver");
    for (const email of printedEmails) {
      const account = demoAccounts.find((known) => known.email === email);
      if (!email || !account) {
        throw new Error(`printed an unknown account ${email}`);
      }
      const result = await signIn(database.db, { email, password: DEMO_PASSWORD, ip: null });
      expect(result.stage).toBe("active");
      const grants = await queryRows<{ role: string }>(
        database.db,
        sql`select g.role from role_grants g where g.person_id = ${result.personId}`,
      );
      expect(grants.map((g) => g.role)).toContain(account.role);
    }
    const [credentialCount] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from credentials`,
    );
    expect(credentialCount?.n).toBe(demoAccounts.length);
    // A later start lists them again with the command that sets the shared password anew.
    const later = demoAccountLines({ accounts: await demoAccountsPresent(database.db), demoPassword: null });
    expect(later.join("\n")).toContain("npx caunoi password reset --email");
    expect(later.join("\n")).not.toContain(DEMO_PASSWORD);
  });

  it("refuses to run on a database that already has units, changing nothing", async () => {
    const error = await seedDemoOrganisation(database.db, { CAUNOI_DEMO_PASSWORD: DEMO_PASSWORD }).catch(
      (e: AppError) => e,
    );
    expect((error as AppError).code).toBe("demo.not_empty");
    const [count] = await database.db.select({ n: sql<number>`count(*)::int` }).from(people);
    expect(count?.n).toBe(seeded.people);
  });

  it("is the same demo on every install", async () => {
    const other = await createTestDatabase();
    try {
      await seedDemoOrganisation(other.db, {});
      const snapshot = (db: Database["db"]) =>
        queryRows<{ line: string }>(
          db,
          sql`select u.code || ' ' || p.full_name || ' ' || p.email || ' ' || p.phone || ' ' || p.position as line
                from people p join units u on u.id = p.unit_id order by 1`,
        );
      expect(await snapshot(other.db)).toEqual(await snapshot(database.db));
    } finally {
      await other.close();
    }
  });

  it("registers official channels on invented addresses that the public lookup recognises in other forms", async () => {
    const registered = await database.db
      .select({ url: channels.url, unitName: units.name })
      .from(channels)
      .innerJoin(units, eq(units.id, channels.unitId));
    expect(registered.length).toBeGreaterThanOrEqual(5);
    for (const { url } of registered) {
      // A demo must never vouch for a real page: reserved domain, or a handle marked as demo.
      expect(url).toMatch(/\.example\/|demo/);
    }
    const answer = await lookupChannel(
      database.db,
      "https://m.facebook.com/CongAnTinh.TuyenQuang.Demo/?fbclid=IwAR0abc&utm_source=zalo",
    );
    expect(answer.status).toBe("official");
    expect(answer.channel?.unit.name).toBe("Công an tỉnh Tuyên Quang");
  });

  it("refuses a demo password shorter than the minimum", async () => {
    const error = await seedDemoOrganisation(database.db, { CAUNOI_DEMO_PASSWORD: "short" }).catch(
      (e: AppError) => e,
    );
    expect((error as AppError).code).toBe("demo.password_too_short");
  });
});

describe("demo posts", () => {
  it("puts approved articles on the province's portal through the desk's own rules", async () => {
    const mediaDir = await mkdtemp(join(tmpdir(), "caunoi-demo-media-"));
    const published = await seedDemoPosts(database.db, { publicUrl: "http://demo.local", mediaDir });
    expect(published).toBe(4);
    // Each article carries a cover picture from the library, described for screen readers, with
    // both renditions written where the server serves them from.
    const covers = await queryRows<{ title: string; alt: string; width: number; key: string; thumb: string }>(
      database.db,
      sql`select p.title, m.alt_text as alt, m.width, m.storage_key as key, m.thumbnail_key as thumb
            from post_variants v join posts p on p.id = v.post_id
            join media_items m on m.id = p.media_ids[1]
           where v.status = 'published' and m.kind = 'image'`,
    );
    expect(covers).toHaveLength(4);
    for (const cover of covers) {
      expect(cover.alt).toMatch(/^Hình minh họa: .{10,}/);
      expect(cover.width).toBe(1280);
      const storage = localMediaStorage(mediaDir);
      expect(await storage.exists(cover.key)).toBe(true);
      expect(await storage.exists(cover.thumb)).toBe(true);
    }
    expect(new Set(covers.map((cover) => cover.key)).size).toBe(4);
    // The portals' footers have what an official site must show.
    const [province] = await database.db.select().from(units).where(eq(units.code, "TQ"));
    expect(province).toMatchObject({
      contactAddress: expect.stringContaining("Tuyên Quang"),
      contactPhone: expect.stringMatching(/^0\d{3} \d{4} \d{3}$/),
      contactEmail: expect.stringMatching(/@tuyenquang\.caunoi\.example$/),
      contentResponsible: expect.stringContaining("Chánh Văn phòng"),
    });
    const variants = await queryRows<{ status: string; target: string; n: number }>(
      database.db,
      sql`select v.status, v.target, count(*)::int as n from post_variants v group by v.status, v.target order by 1, 2`,
    );
    expect(variants).toEqual([
      { status: "in_review", target: "facebook_page", n: 1 },
      { status: "in_review", target: "portal", n: 1 },
      { status: "published", target: "portal", n: 4 },
    ]);
    // Every published one has the approval its unit requires, given by someone other than its author.
    const [unapproved] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from post_variants v join posts p on p.id = v.post_id
           where v.status = 'published' and not exists (
             select 1 from variant_approvals a where a.variant_id = v.id and a.approver_id <> p.author_id)`,
    );
    expect(unapproved?.n).toBe(0);
    const [story] = await queryRows<{ origin: string; credited: string }>(
      database.db,
      sql`select p.origin, pe.full_name as credited from posts p join people pe on pe.id = p.credited_person_id`,
    );
    expect(story).toEqual({ origin: "collaborator", credited: "Ma Thị Hoà" });
  });
});

describe("demo advocacy", () => {
  it("adds a running campaign of the communes with kits from the portal's articles and their clicks", async () => {
    const kits = await seedDemoAdvocacy(database.db, { publicUrl: "http://demo.local" });
    expect(kits).toBe(4);
    const [campaign] = await queryRows<{ name: string; units: number; kits: number }>(
      database.db,
      sql`select c.name, cardinality(c.unit_ids) as units, (select count(*)::int from share_kits k where k.campaign_id = c.id) as kits from campaigns c`,
    );
    expect(campaign).toMatchObject({ name: "Tháng cao điểm lan tỏa thông tin chính thống", kits: 2 });
    expect(Number(campaign?.units)).toBeGreaterThanOrEqual(10);
    const targets = await queryRows<{ target_url: string }>(
      database.db,
      sql`select target_url from share_kits`,
    );
    expect(targets.every((row) => row.target_url.startsWith("http://demo.local/u/TQ/"))).toBe(true);
    const [hits] = await queryRows<{ clicks: number }>(
      database.db,
      sql`select count(*) filter (where kind = 'click')::int as clicks from link_hits`,
    );
    expect(Number(hits?.clicks)).toBeGreaterThan(50);
    // The demo member's feed is hers to try: no link or share of hers is made up.
    const [mine] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from share_links l join people p on p.id = l.person_id where p.email like 'hoa.mathi@%'`,
    );
    expect(Number(mine?.n)).toBe(0);
  });
});

describe("demo verification desk", () => {
  it("fills the desk through its services: a published correction, a verdict awaiting sign-off, open cases, a look-alike page", async () => {
    const jobs = await startJobQueue(database, { schema: "pgboss_demo_test" });
    try {
      const cases = await seedDemoVerification(database.db, { publicUrl: "http://demo.local", jobs });
      expect(cases).toBe(4);
    } finally {
      await jobs.stop();
    }
    const rows = await queryRows<{ status: string; category: string | null; demand: number; tips: number }>(
      database.db,
      sql`select c.status, c.category, c.demand_count as demand,
                 (select count(*)::int from verification_tips t where t.case_id = c.id) as tips
            from verification_cases c where c.status <> 'merged' order by c.created_at`,
    );
    // The forwarded copy of the electricity scam is merged; the reworded health rumour only suggested.
    expect(rows.map((row) => [row.status, row.category, Number(row.demand), Number(row.tips)])).toEqual([
      ["published", "scam", 2, 2],
      ["awaiting_signoff", "health", 1, 1],
      ["received", null, 1, 1],
      ["checking", "disaster", 1, 1],
      ["received", null, 1, 1],
    ]);
    const [suggested] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from verification_suggestions where status = 'open'`,
    );
    expect(Number(suggested?.n)).toBeGreaterThanOrEqual(1);
    // The correction is an article on the province's portal, and the scam's indicators are public.
    const [article] = await queryRows<{ title: string }>(
      database.db,
      sql`select p.title from verification_verdicts v join posts p on p.id = v.post_id where v.status = 'published'`,
    );
    expect(article?.title).toContain("Điện lực Tuyên Quang hoàn tiền điện qua liên kết");
    const indicators = await queryRows<{ kind: string; value: string }>(
      database.db,
      sql`select kind, value from scam_indicators order by kind`,
    );
    expect(indicators).toEqual([
      { kind: "bank_account", value: "19036688888801" },
      { kind: "domain", value: "evn-hoantien-tuyenquang.com" },
      { kind: "phone", value: "0812345678" },
    ]);
    const [candidate] = await queryRows<{ status: string; score: number }>(
      database.db,
      sql`select status, score from impersonation_candidates`,
    );
    expect(candidate?.status).toBe("candidate");
  });
});

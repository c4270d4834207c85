/**
 * Opening the inbox of a unit with 100,000 conversations on PostgreSQL: p50/p95/p99 of the list the
 * duty officer opens first (active conversations, newest first), all statuses, a search ignoring
 * diacritics, filters (mine, a label, breached), a deep page, and the province's view over its whole
 * tree. It runs what GET /api/inbox/conversations runs (scope → unit ids → listConversations with
 * the names of units, channels and assignees), without HTTP.
 * Its own database `bench_inbox` on BENCH_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432),
 * kept and reused by the next run of the same size; BENCH_INBOX_FRESH=1 loads anew.
 * BENCH_INBOX_CONVERSATIONS changes the size; BENCH_INBOX_ENGINES=postgres,pglite adds PGlite (smaller).
 * Run: node bench/inbox-open.ts (part of npm run bench).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, openDatabase, queryRows } from "../src/server/db/client.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { type ListQuery, listConversations } from "../src/server/modules/inbox/conversations/list.ts";
import { loadActor } from "../src/server/modules/org/actors.ts";
import { listFilterPath, unitIdsWithin } from "../src/server/modules/org/index.ts";
import { createPerson, grantRole } from "../src/server/modules/org/people-service.ts";
import { createUnit } from "../src/server/modules/org/service.ts";
import { type Actor, scopeFor } from "../src/server/platform/actor.ts";
import { foldForSearch } from "../src/shared/vietnamese-text.ts";
import { benchPostgresServer, openKeptDatabase } from "./kept-database.ts";

const pgTotal = Number(process.env.BENCH_INBOX_CONVERSATIONS ?? 100_000);
const pgliteTotal = Number(process.env.BENCH_INBOX_PGLITE_CONVERSATIONS ?? 20_000);
const engines = (process.env.BENCH_INBOX_ENGINES ?? "postgres").split(",");
const rounds = Number(process.env.BENCH_INBOX_ROUNDS ?? 200);
/** Conversations of the other communes of the province, beside the measured one's. */
const siblingsShare = 0.2;

const vocabulary = `xin hỏi cho tôi biết khi nào nước sạch về thôn đường bị sạt lở điện mất từ sáng hồ sơ
đất đai cấp giấy chứng nhận quyền sử dụng trợ cấp hộ nghèo bảo hiểm y tế thẻ căn cước định danh điện tử
tiêm chủng trẻ em trường học học phí giờ làm việc ủy ban xã phường thủ tục khai sinh kết hôn chứng thực
rác thải tiếng ồn karaoke đêm khuya lấn chiếm vỉa hè ngập úng cống thoát nước đèn đường hỏng cây đổ
cảm ơn cán bộ nhiệt tình phản ánh kiến nghị giải quyết chậm trễ bao giờ có kết quả mong được hỗ trợ`
  .split(/\s+/)
  .filter(Boolean);
const familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"];
const givenNames = ["Hòa", "Thủy", "Lan", "Minh", "Hùng", "Dũng", "Hương", "Tuấn", "Nga", "Khoa", "Bình"];
const labelsPool = ["khẩn", "đất đai", "môi trường", "y tế", "giao thông", "hành chính"];

let seed = 2026;
function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
const pickSkewed = <T>(list: readonly T[]) => list[Math.floor(list.length * random() ** 2)] as T;

function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${v.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;

interface Fill {
  version: number;
  total: number;
  unitId: string;
  provinceId: string;
  officerId: string;
  adminId: string;
}
const fillVersion = 2;
const system = (db: Database["db"]) => ({ db, actor: null, ip: null });

async function insertConversations(
  database: Database,
  unitIds: readonly string[],
  count: number,
  assignees: readonly string[],
  offset: number,
) {
  const month = 30 * 86_400_000;
  const now = Date.now();
  const channelIds = unitIds.map(() => [randomUUID(), randomUUID()] as const);
  for (let start = 0; start < count; start += 5000) {
    const contacts: string[][] = [[], [], [], [], [], []];
    const rows: (string | null)[][] = Array.from({ length: 16 }, () => []);
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      const n = offset + i;
      const unitIndex = Math.floor(random() * unitIds.length);
      const unitId = unitIds[unitIndex] as string;
      const zalo = random() < 0.3;
      const channelId = (channelIds[unitIndex] as readonly [string, string])[zalo ? 1 : 0];
      const contactId = randomUUID();
      // Every 20,000th asker has a name nobody else has: the rare search.
      const name =
        n % 20_000 === 7
          ? "Mùa Thị Khuê"
          : `${pick(familyNames)} ${pick(["Văn", "Thị", "Đức", "Ngọc"])} ${pick(givenNames)}`;
      const externalId = `psid-${n}`;
      contacts[0]?.push(contactId);
      contacts[1]?.push(unitId);
      contacts[2]?.push(zalo ? "zalo" : "facebook");
      contacts[3]?.push(channelId);
      contacts[4]?.push(externalId);
      contacts[5]?.push(name);
      // Recent conversations are the active ones; older ones were resolved long ago.
      const age = random() ** 1.5 * 24 * month;
      const status = age < 3 * 86_400_000 ? pick(["open", "open", "pending", "resolved"]) : "resolved";
      const words = Array.from({ length: 8 + Math.floor(random() * 40) }, () => pickSkewed(vocabulary));
      const text = words.join(" ");
      const at = new Date(now - age).toISOString();
      const breached = status !== "resolved" && random() < 0.2 ? at : null;
      const values = [
        randomUUID(),
        unitId,
        channelId,
        zalo ? "zalo" : "facebook",
        contactId,
        `${channelId}|message|${externalId}|`,
        status,
        status === "pending" ? "citizen" : null,
        random() < 0.85 ? pick(assignees) : null,
        arrayLiteral(random() < 0.3 ? [pick(labelsPool)] : []),
        foldForSearch(`${name} ${text}`).slice(0, 4000),
        text.slice(0, 160),
        at,
        breached,
        status === "resolved" ? at : null,
        String(1 + Math.floor(random() * 6)),
      ];
      for (const [index, value] of values.entries()) {
        rows[index]?.push(value);
      }
    }
    await database.db.execute(sql`insert into inbox_contacts (id, unit_id, source, channel_key, external_id, display_name)
      select c.id, c.unit_id, c.source, c.channel_key, c.external_id, c.display_name from unnest(
        ${arrayLiteral(contacts[0] ?? [])}::uuid[], ${arrayLiteral(contacts[1] ?? [])}::uuid[],
        ${arrayLiteral(contacts[2] ?? [])}::text[], ${arrayLiteral(contacts[3] ?? [])}::text[],
        ${arrayLiteral(contacts[4] ?? [])}::text[], ${arrayLiteral(contacts[5] ?? [])}::text[]
      ) as c(id, unit_id, source, channel_key, external_id, display_name)`);
    const col = (index: number) => arrayLiteral(rows[index] ?? []);
    await database.db.execute(sql`insert into inbox_conversations (id, unit_id, channel_id, channel_key, source, kind,
        contact_id, thread_key, status, pending_reason, assignee_id, labels, search_text, last_message_preview,
        last_message_at, last_incoming_at, first_response_breached_at, resolved_at, message_count)
      select r.id, r.unit_id, r.channel_id, r.channel_id::text, r.source, 'message', r.contact_id, r.thread_key,
        r.status, r.pending_reason, r.assignee_id, r.labels::text[], r.search_text, r.preview, r.at, r.at,
        r.breached, r.resolved, r.messages from unnest(
        ${col(0)}::uuid[], ${col(1)}::uuid[], ${col(2)}::uuid[], ${col(3)}::text[], ${col(4)}::uuid[],
        ${col(5)}::text[], ${col(6)}::text[], ${col(7)}::text[], ${col(8)}::uuid[], ${col(9)}::text[],
        ${col(10)}::text[], ${col(11)}::text[], ${col(12)}::timestamptz[], ${col(13)}::timestamptz[],
        ${col(14)}::timestamptz[], ${col(15)}::int[]
      ) as r(id, unit_id, channel_id, source, contact_id, thread_key, status, pending_reason, assignee_id,
        labels, search_text, preview, at, breached, resolved, messages)`);
  }
}

async function load(database: Database, total: number, log: (line: string) => void): Promise<Fill> {
  const started = Date.now();
  const province = await createUnit(system(database.db), {
    name: "Tỉnh Thử Tải",
    kind: "province",
    parentId: null,
  });
  const commune = await createUnit(system(database.db), {
    name: "Xã Một Trăm Nghìn",
    kind: "commune",
    parentId: province.id,
  });
  const siblings = [];
  for (let i = 0; i < 9; i++) {
    siblings.push(
      await createUnit(system(database.db), {
        name: `Xã Bên Cạnh ${i + 1}`,
        kind: "commune",
        parentId: province.id,
      }),
    );
  }
  const officers = [];
  for (let i = 0; i < 8; i++) {
    const person = await createPerson(system(database.db), {
      fullName: `Cán bộ Trực ${i + 1}`,
      email: `truc-${i}-${randomUUID().slice(0, 6)}@bench.example.vn`,
      unitId: commune.id,
    });
    await grantRole(system(database.db), { personId: person.id, unitId: commune.id, role: "duty_officer" });
    officers.push(person.id);
  }
  const admin = await createPerson(system(database.db), {
    fullName: "Quản trị Tỉnh",
    email: `tinh-${randomUUID().slice(0, 6)}@bench.example.vn`,
    unitId: province.id,
  });
  await grantRole(system(database.db), { personId: admin.id, unitId: province.id, role: "administrator" });
  await insertConversations(database, [commune.id], total, officers, 0);
  log(
    `  ${total.toLocaleString("en")} conversations of the commune written in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  await insertConversations(
    database,
    siblings.map((unit) => unit.id),
    Math.round(total * siblingsShare),
    [admin.id],
    total,
  );
  // As autovacuum leaves a table in use: the visibility map set, so counts read the index alone.
  await database.db.execute(sql`vacuum analyze inbox_conversations`);
  await database.db.execute(sql`vacuum analyze inbox_contacts`);
  log(
    `  and ${Math.round(total * siblingsShare).toLocaleString("en")} of nine other communes; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
  );
  const fill: Fill = {
    version: fillVersion,
    total,
    unitId: commune.id,
    provinceId: province.id,
    officerId: officers[0] as string,
    adminId: admin.id,
  };
  await database.db.execute(
    sql`create table if not exists bench_fill (key text primary key, value jsonb not null)`,
  );
  await database.db.execute(sql`insert into bench_fill (key, value) values ('inbox', ${JSON.stringify(fill)}::jsonb)
    on conflict (key) do update set value = excluded.value`);
  return fill;
}

async function keptFill(database: Database, total: number): Promise<Fill | null> {
  const rows = await queryRows<{ value: Fill }>(
    database.db,
    sql`select value from bench_fill where key = 'inbox'`,
  ).catch(() => []);
  const kept = rows[0]?.value;
  return kept && kept.version === fillVersion && kept.total === total ? kept : null;
}

/** What the route does for this actor and query. */
async function openInbox(database: Database, actor: Actor, query: ListQuery) {
  const db = database.db;
  const scope = scopeFor(actor, "inbox.read");
  const unitPath = await listFilterPath(db, scope, query.unitId);
  const unitIds = await unitIdsWithin(db, scope, unitPath);
  const pageSize = query.pageSize ?? 30;
  const page = query.page ?? 1;
  return listConversations(db, { unitIds, personId: actor.personId }, query, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
}

async function measure(
  label: string,
  run: () => Promise<{ items: unknown[]; total: number; totalCapped?: boolean }>,
) {
  const timings: number[] = [];
  let shown = 0;
  let total = 0;
  let capped = false;
  for (let i = -10; i < rounds; i++) {
    const begin = performance.now();
    const result = await run();
    if (i >= 0) {
      timings.push(performance.now() - begin);
    }
    shown = result.items.length;
    total = result.total;
    capped = result.totalCapped ?? false;
  }
  timings.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(44)} p50 ${percentile(timings, 0.5).toFixed(1).padStart(6)} ms  p95 ${percentile(timings, 0.95).toFixed(1).padStart(6)} ms  p99 ${percentile(timings, 0.99).toFixed(1).padStart(6)} ms  (${shown} shown of ${capped ? "more than " : ""}${total.toLocaleString("en")})`,
  );
  return percentile(timings, 0.95);
}

async function run(label: string, database: Database, total: number, reuse: boolean) {
  const log = (line: string) => console.log(line);
  await runMigrations(database);
  const kept = reuse ? await keptFill(database, total) : null;
  if (kept) {
    log(
      `  reusing the ${total.toLocaleString("en")} conversations loaded by an earlier run (BENCH_INBOX_FRESH=1 loads anew)`,
    );
  }
  const fill = kept ?? (await load(database, total, log));
  const officer = await loadActor(database.db, fill.officerId, "session");
  const admin = await loadActor(database.db, fill.adminId, "session");
  if (!officer || !admin) {
    throw new Error("the bench's people are missing");
  }
  console.log(
    `${label}, one commune with ${total.toLocaleString("en")} conversations (the duty officer's view):`,
  );
  const p95s = [
    await measure("first page (active, newest first)", () => openInbox(database, officer, {})),
    await measure("all statuses", () => openInbox(database, officer, { status: "all" })),
    await measure('search "nuoc sach" (all statuses)', () =>
      openInbox(database, officer, { q: "nuoc sach", status: "all" }),
    ),
    await measure('search "Hòa sạt lở" (all statuses)', () =>
      openInbox(database, officer, { q: "Hòa sạt lở", status: "all" }),
    ),
    await measure('search a rare name "khue" (all statuses)', () =>
      openInbox(database, officer, { q: "khue", status: "all" }),
    ),
    await measure("filter: mine", () => openInbox(database, officer, { assignee: "mine" })),
    await measure('filter: label "đất đai", all statuses', () =>
      openInbox(database, officer, { label: "đất đai", status: "all" }),
    ),
    await measure("filter: breached", () => openInbox(database, officer, { due: "breached" })),
    await measure("all statuses, page 50", () => openInbox(database, officer, { status: "all", page: 50 })),
  ];
  console.log(`${label}, the province's administrator over all ten communes:`);
  p95s.push(await measure("first page (active)", () => openInbox(database, admin, {})));
  p95s.push(await measure("all statuses", () => openInbox(database, admin, { status: "all" })));
  p95s.push(
    await measure('search "nuoc sach" (all statuses)', () =>
      openInbox(database, admin, { q: "nuoc sach", status: "all" }),
    ),
  );
  console.log(`  worst p95 ${Math.max(...p95s).toFixed(1)} ms (target < 150 ms)`);
}

console.log("\nInbox: opening a unit's conversations");
const server = benchPostgresServer();
if (engines.includes("postgres") && server) {
  const database = await openKeptDatabase(server, "bench_inbox", process.env.BENCH_INBOX_FRESH === "1");
  try {
    await run("PostgreSQL", database, pgTotal, true);
  } finally {
    await database.close();
  }
}
if (engines.includes("pglite")) {
  const database = await openDatabase({ dataDir: "memory://" });
  try {
    await run("PGlite", database, pgliteTotal, false);
  } finally {
    await database.close();
  }
}

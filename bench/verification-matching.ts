/**
 * Matching a new tip (URL + 60-word text) against 1,000,000 known cases on PostgreSQL and 100,000 on
 * PGlite, with planted rewordings of the queries among them: p50/p95/p99 of findMatches and the recall
 * on the plantings. PostgreSQL: its own database `bench_verification` on BENCH_DATABASE_URL's server
 * (default postgres://postgres@127.0.0.1:5432), dropped and refilled each run.
 * Run: node bench/verification-matching.ts (part of npm run bench). BENCH_MATCH_CASES / BENCH_MATCH_PGLITE_CASES
 * change the sizes; BENCH_MATCH_ENGINES=postgres or pglite runs one engine. The PostgreSQL database is kept
 * and reused by the next run of the same size (the first load of 1M cases takes 15–30 min on 2 cores);
 * BENCH_MATCH_FRESH=1 loads it anew.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, openDatabase, queryRows } from "../src/server/db/client.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { fingerprintsOf } from "../src/server/modules/verification/matching/fingerprints.ts";
import { findMatches } from "../src/server/modules/verification/matching/index.ts";
import { foldText } from "../src/server/modules/verification/matching/text.ts";
import { benchPostgresServer, openKeptDatabase } from "./kept-database.ts";

const pgCases = Number(process.env.BENCH_MATCH_CASES ?? 1_000_000);
const pgliteCases = Number(process.env.BENCH_MATCH_PGLITE_CASES ?? 100_000);
const queryCount = Number(process.env.BENCH_MATCH_QUERIES ?? 200);
const engines = (process.env.BENCH_MATCH_ENGINES ?? "postgres,pglite").split(",");

// Common Vietnamese syllables, drawn with a Zipf-like skew so frequent pairs ("người dân") recur as in real posts.
const vocabulary = `của và các có là được cho người trong không những với một này đã đến tại khi từ để sẽ đang
về theo như cũng nhiều ra nhưng thì vào làm năm ngày nay trên dân sau phải nước việc hơn thông tin báo mới
công an xã phường tỉnh huyện thành phố hộ gia đình tiền điện nước học sinh trường bệnh viện y tế vắc xin
tiêm dịch cúm sốt trẻ em phụ nữ cảnh báo khẩn cấp lũ lụt mưa bão sạt lở đường sông đê thủy xả cửa đáy
sơ tán cứu hộ giả danh lừa đảo chuyển khoản tài khoản ngân hàng mã ứng dụng cài đặt định danh điện tử căn
cước cập nhật hồ sơ nộp phạt nguội xe máy ô tô giấy phép lái đăng kiểm thuế đất nhà quy hoạch thu hồi giá
tăng giảm xăng dầu gạo thịt lợn rau quả chợ siêu thị hàng hóa cháy nổ tai nạn giao thông cầu sập chết bị
thương mất tích bắt cóc trẻ em bán nội tạng người lạ xe bán tải bịt mặt camera clip video mạng xã hội chia
sẻ lan truyền đăng tải trang cá nhân nhóm zalo facebook tiktok tin đồn thất thiệt xác minh cơ quan chức
năng chính quyền ủy ban nhân dân sở bộ chủ tịch giám đốc cán bộ chiến sĩ bộ đội biên phòng đồn trạm kiểm
soát dịch vụ công quốc gia cổng trợ cấp hỗ trợ gói vay vốn lãi suất thấp không cần thế chấp nhận ngay
trong ngày miễn phí quà tặng trúng thưởng điện thoại tin nhắn đường link lạ bấm vào nhập mật khẩu chiếm
đoạt mất sạch cảnh giác mọi người bà con phụ huynh giáo viên nghỉ học trực tuyến thi tuyển sinh lớp kỳ
điểm kết quả đề thi lộ đáp án ôn tập hết tuần tháng sau sáng chiều tối đêm hôm qua nay mai giờ phút`
  .split(/\s+/)
  .filter(Boolean);

let seed = 12345;
function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2.2)] as string;
const textOf = (length: number) => Array.from({ length }, word);

/** A rumour retold: ~12% of words replaced, a few dropped, sentence halves swapped or a sentence added. */
function reword(words: string[]): string[] {
  let out = words.filter(() => random() > 0.05).map((w) => (random() < 0.12 ? word() : w));
  if (random() < 0.4) {
    const cut = Math.floor(out.length / 2);
    out = [...out.slice(cut), ...out.slice(0, cut)];
  }
  if (random() < 0.4) {
    out = [...out, ...textOf(8 + Math.floor(random() * 8))];
  }
  return out;
}

/** One text parameter in Postgres array syntax: a 5,000-row batch is one statement with five parameters. */
function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${v.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;

async function fill(database: Database, total: number, queries: string[][], log: (line: string) => void) {
  const unitId = randomUUID();
  const plantedIds: string[] = [];
  const batchSize = 5000;
  const started = Date.now();
  const plantEvery = Math.floor(total / queries.length);
  const day = 86_400_000;
  let pending: Promise<unknown> = Promise.resolve();
  for (let offset = 0; offset < total; offset += batchSize) {
    const cases: [string, string, string, string | null, string][] = [];
    const prints: [string[], string[], string[]] = [[], [], []];
    for (let i = offset; i < Math.min(total, offset + batchSize); i++) {
      const id = randomUUID();
      const planted = i % plantEvery === 0 && plantedIds.length < queries.length;
      const words = planted
        ? reword(queries[plantedIds.length] as string[])
        : textOf(40 + Math.floor(random() * 41));
      if (planted) {
        plantedIds.push(id);
      }
      const text = words.join(" ");
      const url = random() < 0.3 ? `https://tin-${Math.floor(random() * 1e9)}.example.vn/bai-${i}` : null;
      const createdAt = new Date(Date.now() - Math.floor(random() * 120) * day).toISOString();
      cases.push([id, text, foldText(text), url, createdAt]);
      for (const f of fingerprintsOf({ url, text })) {
        prints[0].push(id);
        prints[1].push(f.kind);
        prints[2].push(String(f.value));
      }
    }
    await pending;
    pending = (async () => {
      await database.db.execute(sql`insert into verification_cases (id, unit_id, title, claim_text, folded_text, url, created_at)
        select c.id, ${unitId}::uuid, left(c.t, 80), c.t, c.f, c.u, c.at from unnest(
          ${arrayLiteral(cases.map((c) => c[0]))}::uuid[], ${arrayLiteral(cases.map((c) => c[1]))}::text[],
          ${arrayLiteral(cases.map((c) => c[2]))}::text[], ${arrayLiteral(cases.map((c) => c[3]))}::text[],
          ${arrayLiteral(cases.map((c) => c[4]))}::timestamptz[]
        ) as c(id, t, f, u, at)`);
      await database.db.execute(sql`insert into verification_fingerprints (case_id, kind, value)
        select * from unnest(${arrayLiteral(prints[0])}::uuid[], ${arrayLiteral(prints[1])}::text[], ${arrayLiteral(prints[2])}::bigint[])`);
    })();
    if ((offset / batchSize) % 40 === 0) {
      log(`  ${offset.toLocaleString("en")} cases written, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  await pending;
  return { plantedIds, seconds: (Date.now() - started) / 1000 };
}

async function load(database: Database, total: number, queries: string[][], log: (line: string) => void) {
  // Loading first and indexing once is several times faster than keeping two indexes current.
  await database.db.execute(sql`drop index verification_fingerprints_lookup_idx`);
  await database.db.execute(sql`drop index verification_fingerprints_case_idx`);
  const { plantedIds, seconds } = await fill(database, total, queries, log);
  const indexStarted = Date.now();
  await database.db.execute(
    sql`create index verification_fingerprints_lookup_idx on verification_fingerprints (kind, value)`,
  );
  await database.db.execute(
    sql`create index verification_fingerprints_case_idx on verification_fingerprints (case_id)`,
  );

  await database.db.execute(sql`analyze`);
  const [{ count }] = (await queryRows<{ count: string }>(
    database.db,
    sql`select count(*)::text as count from verification_fingerprints`,
  )) as [{ count: string }];
  log(
    `  ${total.toLocaleString("en")} cases and ${Number(count).toLocaleString("en")} fingerprints written in ${seconds.toFixed(0)} s, indexed and analysed in ${((Date.now() - indexStarted) / 1000).toFixed(0)} s`,
  );
  await database.db.execute(
    sql`create table if not exists bench_fill (key text primary key, value jsonb not null)`,
  );
  await database.db.execute(
    sql`insert into bench_fill (key, value) values ('fill', ${JSON.stringify({ version: fillVersion, total, plantedIds })}::jsonb)
        on conflict (key) do update set value = excluded.value`,
  );
  return plantedIds;
}

/** What a kept PostgreSQL bench database was filled with, so a later run can reuse it. */
const fillVersion = 1;

async function keptFill(database: Database, total: number): Promise<string[] | null> {
  const rows = await queryRows<{ value: { version: number; total: number; plantedIds: string[] } }>(
    database.db,
    sql`select value from bench_fill where key = 'fill'`,
  ).catch(() => []);
  const kept = rows[0]?.value;
  return kept && kept.version === fillVersion && kept.total === total ? kept.plantedIds : null;
}

async function run(label: string, database: Database, total: number, reuse: boolean) {
  const log = (line: string) => console.log(line);
  await runMigrations(database);
  const queries = Array.from({ length: queryCount }, () => textOf(60));
  // Loading a million cases takes a quarter of an hour or more on two cores: a PostgreSQL database
  // filled by an earlier run with the same size (and generator) is measured again as it is.
  const kept = reuse ? await keptFill(database, total) : null;
  if (kept) {
    log(
      `  reusing the ${total.toLocaleString("en")} cases loaded by an earlier run (BENCH_MATCH_FRESH=1 loads anew)`,
    );
  }
  const plantedIds = kept ?? (await load(database, total, queries, log));
  const timings: number[] = [];
  let found = 0;
  let merged = 0;
  let candidates = 0;
  for (let i = -20; i < queries.length; i++) {
    const q = queries[(i + queries.length) % queries.length] as string[];
    const input = { url: `https://bao-${i}.example.vn/tin-moi-${randomUUID()}.html`, text: q.join(" ") };
    const begin = performance.now();
    const matches = await findMatches(database.db, input, { limit: 20 });
    const elapsed = performance.now() - begin;
    if (i < 0) {
      continue;
    }
    timings.push(elapsed);
    candidates += matches.length;
    const hit = matches.find((m) => m.caseId === plantedIds[i]);
    if (hit) {
      found++;
      merged += hit.level === "merge" ? 1 : 0;
    }
  }
  timings.sort((a, b) => a - b);
  console.log(
    `${label}, ${total.toLocaleString("en")} cases: findMatches (URL + 60-word text) p50 ${percentile(timings, 0.5).toFixed(1)} ms  p95 ${percentile(timings, 0.95).toFixed(1)} ms  p99 ${percentile(timings, 0.99).toFixed(1)} ms over ${timings.length} queries; recall on planted rewordings ${found}/${plantedIds.length} (${merged} merged, the rest suggested); ${(candidates / timings.length).toFixed(1)} matches per query`,
  );
}

console.log("\nVerification matching");
const server = benchPostgresServer();
if (engines.includes("postgres") && server) {
  const database = await openKeptDatabase(
    server,
    "bench_verification",
    process.env.BENCH_MATCH_FRESH === "1",
  );
  try {
    await run("PostgreSQL", database, pgCases, true);
  } finally {
    await database.close();
  }
}
if (engines.includes("pglite")) {
  const database = await openDatabase({ dataDir: "memory://" });
  try {
    await run("PGlite", database, pgliteCases, false);
  } finally {
    await database.close();
  }
}

/**
 * Benchmark of impersonation scoring: one suspected page against 10,000 registered channels, in
 * process (scoreImpersonation, as the desk calls it), on PGlite and on PostgreSQL (local server at
 * 127.0.0.1:5432 or BENCH_DATABASE_URL). The registry is generated from the real 2025 map: units named
 * after provinces and communes, channels such as "Công an xã Tân Phú", "UBND phường Ba Đình",
 * "Đoàn Thanh niên xã …" on Facebook, websites under <province>.gov.vn, Zalo and YouTube. The pages
 * scored are look-alikes of registered channels (confusable letters, a " - Tin tức" suffix, an edited
 * handle, an official domain worn in front of another) and unrelated or sibling-place pages.
 * Target: p95 under 20 ms. Run: node bench/impersonation-score.ts (also part of npm run bench).
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";

const channelCount = Number(process.env.BENCH_IMPERSONATION_CHANNELS ?? 10_000);
const pageCount = Number(process.env.BENCH_IMPERSONATION_PAGES ?? 400);

function postgresAvailable(): string | undefined {
  if (process.env.BENCH_DATABASE_URL !== undefined) {
    return process.env.BENCH_DATABASE_URL || undefined;
  }
  try {
    execFileSync("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "5432"]);
    return "postgres://postgres@127.0.0.1:5432/test";
  } catch {
    return undefined;
  }
}

/** A deterministic generator, so both engines score the same pages. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const unitKinds = [
  "Công an",
  "UBND",
  "Đoàn Thanh niên",
  "Hội Liên hiệp Phụ nữ",
  "Trung tâm Y tế",
  "Đài Truyền thanh",
];

async function runEngine(label: string, url: string | undefined): Promise<void> {
  const { createServerDatabase } = await import("../test/helpers/server-database.ts");
  const { openDatabase } = await import("../src/server/db/client.ts");
  const { runMigrations } = await import("../src/server/db/migrate.ts");
  const { channels } = await import("../src/server/db/schema/index.ts");
  const { canonicalChannelKey } = await import("../src/shared/channel-url.ts");
  const { foldForSearch, slugOf } = await import("../src/shared/vietnamese-text.ts");
  const { readAdminAreaDataset } = await import("../src/server/modules/org/admin-areas.ts");
  const { createUnit } = await import("../src/server/modules/org/service.ts");
  const { scoreImpersonation } = await import("../src/server/modules/verification/impersonation/score.ts");

  const server = url ? await createServerDatabase(url, "caunoi_bench_impersonation") : null;
  const database = await openDatabase({ url: server?.url, dataDir: "memory://", poolSize: 4 });
  try {
    await runMigrations(database);
    const db = database.db;
    const system = { db, actor: null, ip: null };
    const dataset = await readAdminAreaDataset();
    const provinceName = new Map(
      dataset.provinces.map(([code, name]) => [code, name.replace(/^Thành phố /, "")]),
    );
    const next = random(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

    // Units: the 34 provinces, each with its own "Công an tỉnh …" style unit as owner of provincial channels.
    const provinceUnits = new Map<string, string>();
    for (const [code, name] of dataset.provinces) {
      const unit = await createUnit(system, {
        name: `UBND ${name.startsWith("Thành phố") ? "" : "tỉnh "}${name}`,
        kind: "province",
        parentId: null,
      });
      provinceUnits.set(code, unit.id);
    }
    const registered: {
      displayName: string;
      url: string;
      handle: string;
      province: string;
      commune: string;
    }[] = [];
    const rows: (typeof channels.$inferInsert)[] = [];
    const seen = new Set<string>();
    const communes = dataset.communes;
    for (let n = 0; rows.length < channelCount; n++) {
      const [, communeName, provinceCode] = communes[n % communes.length] as [string, string, string];
      const kind = unitKinds[Math.floor(n / communes.length) % unitKinds.length] ?? "UBND";
      const province = provinceName.get(provinceCode) ?? "";
      const lower = communeName.replace(/^(Xã|Phường|Đặc khu)/, (prefix) => prefix.toLowerCase());
      const displayName = `${kind} ${lower}`;
      const handle = `${slugOf(displayName).replace(/-/g, "")}${slugOf(province).replace(/-/g, "").slice(0, 6)}`;
      const roll = n % 5;
      const channelUrl =
        roll <= 2
          ? `https://www.facebook.com/${handle}`
          : roll === 3
            ? `https://${slugOf(communeName).replace(/-/g, "")}${n}.${slugOf(province).replace(/-/g, "")}.gov.vn`
            : `https://www.youtube.com/@${handle}`;
      const canonical = canonicalChannelKey(channelUrl);
      if (!canonical.ok || seen.has(canonical.channel.key)) {
        continue;
      }
      seen.add(canonical.channel.key);
      rows.push({
        unitId: provinceUnits.get(provinceCode) ?? "",
        platform: canonical.channel.platform,
        key: canonical.channel.key,
        url: canonical.channel.url,
        displayName,
        searchKey: foldForSearch(`${displayName} ${canonical.channel.handle ?? ""}`),
        handle: canonical.channel.handle,
      });
      registered.push({ displayName, url: canonical.channel.url, handle, province, commune: communeName });
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await db.insert(channels).values(rows.slice(i, i + 1000));
    }

    const swapLetters = (text: string) => text.replace(/o/g, "о").replace(/a/g, "а");
    const websites = registered.filter((entry) => entry.url.includes(".gov.vn"));
    const pages: { url: string; displayName: string }[] = [];
    for (let i = 0; i < pageCount; i++) {
      const target = pick(registered);
      switch (i % 8) {
        case 0:
          pages.push({
            url: `https://www.facebook.com/${target.handle}.official`,
            displayName: swapLetters(target.displayName),
          });
          break;
        case 1:
          pages.push({
            url: `https://www.facebook.com/tintuc${i}`,
            displayName: `${target.displayName} - Tin tức`,
          });
          break;
        case 2:
          pages.push({
            url: `https://www.facebook.com/${target.handle.replace("o", "0")}`,
            displayName: "Thông báo khẩn",
          });
          break;
        case 3:
          pages.push({
            url: `${pick(websites).url.replace(/\/$/, "")}.tin-tuc${i}.com/bai-viet`,
            displayName: "Tin nóng",
          });
          break;
        case 4:
          // A sibling place: the same kind of unit, another real commune.
          pages.push({
            url: `https://www.facebook.com/sibling${i}`,
            displayName: `Công an xã ${pick(communes)[1].replace(/^(Xã|Phường|Đặc khu) /, "")}`,
          });
          break;
        case 5:
          pages.push({ url: `https://shop${i}.example.com`, displayName: `Cửa hàng quần áo ${i}` });
          break;
        case 6:
          pages.push({
            url: `https://www.facebook.com/fan${i}`,
            displayName: `Hội những người yêu ${target.province}`,
          });
          break;
        default:
          pages.push({ url: target.url, displayName: target.displayName });
      }
    }

    let started = performance.now();
    await scoreImpersonation(db, { url: "https://www.facebook.com/warmup", displayName: "Công an" });
    const buildMs = performance.now() - started;
    const times: number[] = [];
    // CPU time of this process too: on a shared machine the wall clock also counts waiting for a core.
    const cpuTimes: number[] = [];
    const flaggedByKind = [0, 0, 0, 0];
    const timeByKind = new Array<number>(8).fill(0);
    for (const [i, page] of pages.entries()) {
      started = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await scoreImpersonation(db, page);
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      times.push(elapsed);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      timeByKind[i % 8] = (timeByKind[i % 8] ?? 0) + elapsed;
      if (i % 8 <= 3 && result.score >= 0.5) {
        flaggedByKind[i % 8] = (flaggedByKind[i % 8] ?? 0) + 1;
      }
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const quantile = (list: number[], q: number) =>
      (list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? 0).toFixed(2);
    const at = (q: number) => quantile(times, q);
    console.log(
      `  ${label.padEnd(11)} ${rows.length} channels, ${pages.length} pages: p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms  (index built in ${buildMs.toFixed(0)} ms; look-alikes scored ≥ 0.5 by kind [confusable name + handle suffix, name + " - Tin tức", leet handle, worn domain]: ${flaggedByKind.join("/")} of ${pages.length / 8} each)`,
    );
    console.log(
      `  ${"".padEnd(11)} CPU time per page: p50 ${quantile(cpuTimes, 0.5)} ms  p95 ${quantile(cpuTimes, 0.95)} ms  p99 ${quantile(cpuTimes, 0.99)} ms  (load average now ${(await import("node:os")).loadavg()[0]?.toFixed(1)})`,
    );
    console.log(
      `  ${"".padEnd(11)} mean ms by page kind [4 look-alikes, sibling place, shop, fan page, registered]: ${timeByKind.map((total) => (total / (pages.length / 8)).toFixed(1)).join(" / ")}`,
    );
  } finally {
    await database.close();
    await server?.drop();
  }
}

console.log(
  `\nImpersonation scoring: one page against ${channelCount} registered channels (target p95 < 20 ms)`,
);
await runEngine("PGlite", undefined);
const pgUrl = postgresAvailable();
if (pgUrl) {
  await runEngine("PostgreSQL", pgUrl);
}

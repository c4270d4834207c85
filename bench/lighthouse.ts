/**
 * Lighthouse (mobile, simulated throttling) on the public portal: the demo province's home page
 * and its first article. Starts the real server (src/server/main.ts) with the demo data in a
 * fresh data directory on a free port, runs the lighthouse CLI on both pages, prints the four
 * category scores per page and the audits that fall short, then stops the server.
 * Lighthouse is not a dependency of the project: give its path in LIGHTHOUSE_BIN, or have it
 * where `npx --no-install lighthouse` finds it; without it, this prints how to install it.
 * Chromium: CHROME_PATH, else /usr/bin/chromium when present, else what Lighthouse finds.
 * Run: node bench/lighthouse.ts (not part of npm run bench).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "../test/helpers/real-server.ts";

const repoRoot = new URL("..", import.meta.url).pathname;

/** The command that runs Lighthouse, or null when it is not installed. */
function lighthouseCommand(): string[] | null {
  const candidates = process.env.LIGHTHOUSE_BIN
    ? [[process.env.LIGHTHOUSE_BIN]]
    : [["npx", "--no-install", "lighthouse"]];
  for (const [file, ...args] of candidates) {
    try {
      execFileSync(file as string, [...args, "--version"], { stdio: "ignore", cwd: repoRoot });
      return [file as string, ...args];
    } catch {}
  }
  return null;
}

const lighthouse = lighthouseCommand();
if (!lighthouse) {
  console.log(
    [
      "Lighthouse is not installed (it is not a dependency of the project). Install it outside the repository:",
      "  mkdir -p /tmp/lh && cd /tmp/lh && npm init -y >/dev/null && npm i -E lighthouse@12.2.3",
      "then run:",
      "  LIGHTHOUSE_BIN=/tmp/lh/node_modules/.bin/lighthouse node bench/lighthouse.ts",
    ].join("\n"),
  );
  process.exit(0);
}

const chromePath =
  process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const dataDir = mkdtempSync(join(tmpdir(), "caunoi-lighthouse-"));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(repoRoot, "src/server/main.ts")], {
  cwd: repoRoot,
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: origin,
    CAUNOI_DEMO: "1",
    CAUNOI_ADMIN_PASSWORD: randomBytes(12).toString("hex"),
    LOG_LEVEL: "silent",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));

async function stopServer(): Promise<void> {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}

async function ready(): Promise<void> {
  const lines = createInterface({ input: server.stdout });
  for await (const line of lines) {
    if (line.includes("is running:")) {
      server.stdout.resume();
      return;
    }
  }
  throw new Error("the server exited before it was ready");
}

interface Report {
  categories: Record<string, { title: string; score: number | null }>;
  audits: Record<
    string,
    { id: string; title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }
  >;
}

function runLighthouse(url: string, outputPath: string): void {
  const [file, ...args] = lighthouse as string[];
  execFileSync(
    file as string,
    [
      ...args,
      url,
      "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking",
      "--only-categories=performance,accessibility,best-practices,seo",
      "--output=json",
      `--output-path=${outputPath}`,
      "--quiet",
    ],
    {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...(chromePath ? { CHROME_PATH: chromePath } : {}) },
    },
  );
}

const percent = (score: number | null) => (score === null ? "–" : String(Math.round(score * 100)));

try {
  await ready();
  const homeUrl = `${origin}/u/TQ`;
  const home = await (await fetch(homeUrl)).text();
  const firstArticle = home.match(/<article class="item">\s*<a href="([^"]+)"/)?.[1];
  const pages = [{ name: "home", url: homeUrl }];
  if (firstArticle) {
    pages.push({ name: "article", url: firstArticle.replaceAll("&amp;", "&") });
  } else {
    console.log("The demo portal has no article; only the home page is measured.");
  }
  console.log(
    `Lighthouse ${execFileSync(lighthouse[0] as string, [...lighthouse.slice(1), "--version"], {
      cwd: repoRoot,
    })
      .toString()
      .trim()}, mobile, simulated throttling${chromePath ? `, ${chromePath}` : ""}`,
  );
  for (const page of pages) {
    const outputPath = join(dataDir, `${page.name}.report.json`);
    runLighthouse(page.url, outputPath);
    const report = JSON.parse(readFileSync(outputPath, "utf8")) as Report;
    const scores = Object.values(report.categories).map(
      (category) => `${category.title} ${percent(category.score)}`,
    );
    console.log(`\n${page.name.padEnd(8)} ${scores.join("  ")}\n  ${page.url}`);
    for (const audit of Object.values(report.audits)) {
      const scored = ["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode);
      if (scored && audit.score !== null && audit.score < 0.9) {
        console.log(
          `  ${percent(audit.score).padStart(3)}  ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`,
        );
      }
    }
  }
} finally {
  await stopServer();
}

/**
 * The e2e suite's harness: before the journeys, it builds the web app if needed, starts the server
 * on a free port with a fresh embedded database (talking to fake Graph and Zalo APIs) and a headless
 * Chromium; after them, it stops both. The journeys (./journeys/) take the browser pages, the
 * server's address and the accounts from here. Screenshots go to .test-artifacts/e2e/.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { ensureWebBuild } from "../../scripts/ensure-web-build.ts";
import { type FakeGraph, startFakeGraph } from "../fakes/facebook-graph.ts";
import { type FakeZaloOa, startFakeZaloOa } from "../fakes/zalo-oa.ts";
import { freePort, waitUntilReady } from "../helpers/real-server.ts";
import { startSmtpServer } from "../helpers/smtp.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const artifacts = join(repoRoot, ".test-artifacts", "e2e");
export const adminEmail = "quantri.e2e@caunoi.local";
export const adminPassword = "matkhau-e2e-2025-rat-dai";
/** The shared password of the demo accounts (the server generates one unless told). */
export const demoPassword = "matkhau-demo-e2e-2025";
/** A demo account that administers one commune only. */
export const communeAdmin = { email: "hai.hoangvan@tuyenquang.caunoi.example", unit: "Xã Tân Trào" };
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server: ChildProcess | undefined;
let serverOutput = "";
let dataDir = "";
export let baseUrl = "";
let browser: Browser | undefined;
let context: BrowserContext | undefined;
export let page: Page;
/** The local stand-in for the Graph API: the server reaches it through CAUNOI_GRAPH_API_URL, as an operator would. */
export let graph: FakeGraph;
/**
 * The local stand-in for Zalo's OA API and OAuth server (CAUNOI_ZALO_API_URL, CAUNOI_ZALO_OAUTH_URL):
 * the demo's Zalo OA, so "Kết nối bằng Zalo" on its page comes back with its own oa_id.
 */
export let zalo: FakeZaloOa;
/** A real SMTP server the app sends its mail to (SMTP_URL), so journeys read the letters people get. */
export let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

/** Stops the server and waits for it, so its data directory lock is released. */
async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

export async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

// If the test process dies abruptly, do not leave the server running.
process.on("exit", () => server?.kill("SIGKILL"));

before(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  // Screenshots of an earlier run (a failure since fixed) would mislead.
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  await ensureWebBuild({ quiet: true });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dataDir = await mkdtemp(join(tmpdir(), "caunoi-e2e-"));
  // The signing-in admin manages more Pages than the demo's, as a unit's officer often does: with
  // a channel whose Page id is not known, Facebook's dialog then grants several and the app asks which.
  graph = await startFakeGraph({
    otherPages: [
      { id: "100083512947265", name: "Đoàn Trường Đại học Tân Trào" },
      { id: "100071938465120", name: "Tuổi trẻ Tuyên Quang" },
    ],
  });
  zalo = await startFakeZaloOa({ oaId: "4318000000000008", oaName: "Thông tin Tuyên Quang" });
  smtp = await startSmtpServer();
  server = spawn(process.execPath, ["src/server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      CAUNOI_ADMIN_EMAIL: adminEmail,
      CAUNOI_ADMIN_PASSWORD: adminPassword,
      CAUNOI_DEMO_PASSWORD: demoPassword,
      CAUNOI_GRAPH_API_URL: graph.origin,
      // "Kết nối bằng Facebook" against the fake's login dialog, with its app's id and secret.
      CAUNOI_FACEBOOK_DIALOG_URL: graph.origin,
      FACEBOOK_APP_ID: graph.login.appId,
      FACEBOOK_APP_SECRET: graph.login.appSecret,
      // "Kết nối bằng Zalo" against the fake's consent page and token endpoint, with its app.
      CAUNOI_ZALO_API_URL: zalo.origin,
      CAUNOI_ZALO_OAUTH_URL: zalo.origin,
      ZALO_APP_ID: zalo.appId,
      ZALO_APP_SECRET_KEY: zalo.appSecret,
      SMTP_URL: smtp.url,
      DATABASE_URL: "",
      // Vite's in-process build sets NODE_ENV=production; the server under test is a development one
      // (it talks to local fakes over plain http).
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => {
    serverOutput += chunk;
  });
  server.stderr?.on("data", (chunk) => {
    serverOutput += chunk;
  });
  await waitUntilReady(baseUrl, server, 180_000, () => serverOutput);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  context = await browser.newContext({ viewport: { width: 360, height: 740 }, acceptDownloads: true });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
});

after(async () => {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await stopServer();
  await graph?.close();
  await zalo?.close();
  await smtp?.close();
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

export type Step = (name: string, body: () => Promise<void>) => Promise<void>;

/**
 * Runs the journey's steps in order; once one fails, the rest are skipped (they build on it).
 * A failing step leaves a screenshot of `pages()` (the shared page unless told).
 */
export function stepsOf(
  t: { test: (name: string, options: { skip: boolean }, fn: () => Promise<void>) => Promise<void> },
  pages: () => Page[] = () => [page],
): Step {
  let failed = false;
  return async (name, body) => {
    await t.test(name, { skip: failed }, async () => {
      try {
        await body();
      } catch (error) {
        failed = true;
        const slug = name.replace(/[^a-z0-9]+/gi, "-");
        for (const [index, failedPage] of pages().entries()) {
          await failedPage
            .screenshot({ path: join(artifacts, `failed-${slug}-${index}.png`), fullPage: true })
            .catch(() => {});
        }
        throw error;
      }
    });
  };
}

/** A fresh browser (no cookies, no stored language) at phone size, for a test that stands alone. */
export async function phonePage(
  options: BrowserContextOptions = {},
): Promise<{ page: Page; close: () => Promise<void> }> {
  if (!browser) {
    throw new Error("the browser did not start");
  }
  const ownContext = await browser.newContext({ viewport: { width: 360, height: 740 }, ...options });
  ownContext.setDefaultTimeout(20_000);
  return { page: await ownContext.newPage(), close: () => ownContext.close() };
}

/** A full-page screenshot that also fails when the page is wider than the phone (a horizontal scroll). */
export async function phoneScreenshot(target: Page, name: string, fullPage = true): Promise<void> {
  await target.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
  const width = await target.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${name}: the page is ${width} px wide on a 360 px screen`);
}

/** Signs a fresh phone browser in as `email`. */
export async function signedInPhone(
  email: string,
  password: string,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; close: () => Promise<void> }> {
  const phone = await phonePage(options);
  await phone.page.goto(`${baseUrl}/sign-in`);
  await phone.page.getByRole("textbox", { name: /^E-mail/ }).fill(email);
  await phone.page.getByLabel(/^Mật khẩu/).fill(password);
  await phone.page.getByRole("button", { name: "Đăng nhập" }).click();
  // Each role lands on its own home (journeys/homes.ts checks which).
  await phone.page.waitForURL((url) => !/^\/(sign-in)?$/.test(url.pathname));
  return phone;
}

/**
 * End-to-end test of the web app against the real server and a real Chromium on a phone-sized
 * screen. Run with `node test/e2e/run.ts`: it builds the web app if needed, starts the server on a
 * free port with a fresh embedded database, and walks an administrator through the app.
 * Screenshots go to .test-artifacts/e2e/.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ensureWebBuild } from "../../scripts/ensure-web-build.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const artifacts = join(repoRoot, ".test-artifacts", "e2e");
const adminEmail = "quantri.e2e@caunoi.local";
const adminPassword = "matkhau-e2e-2025-rat-dai";
/** The shared password of the demo accounts (the server generates one unless told). */
const demoPassword = "matkhau-demo-e2e-2025";
/** A demo account that administers one commune only. */
const communeAdmin = { email: "hai.hoangvan@tuyenquang.caunoi.example", unit: "Xã Tân Trào" };
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server: ChildProcess | undefined;
let serverOutput = "";
let dataDir = "";
let baseUrl = "";
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Polls /readyz until the server answers, failing early if it exits. */
async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${serverOutput}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server was not ready after ${timeoutMs / 1000} s:\n${serverOutput}`);
}

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

async function screenshot(name: string): Promise<void> {
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
      DATABASE_URL: "",
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
  await waitUntilReady(baseUrl, server, 180_000);

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
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

const unitName = `Chi đoàn Thử nghiệm ${Date.now().toString(36)}`;

type Step = (name: string, body: () => Promise<void>) => Promise<void>;

/** Runs the journey's steps in order; once one fails, the rest are skipped (they build on it). */
function stepsOf(t: {
  test: (name: string, options: { skip: boolean }, fn: () => Promise<void>) => Promise<void>;
}): Step {
  let failed = false;
  return async (name, body) => {
    await t.test(name, { skip: failed }, async () => {
      try {
        await body();
      } catch (error) {
        failed = true;
        await screenshot(`failed-${name.replace(/[^a-z0-9]+/gi, "-")}`).catch(() => {});
        throw error;
      }
    });
  };
}

test("an administrator uses the app on a 360 px phone", async (t) => {
  const step = stepsOf(t);
  await step("the sign-in page is in Vietnamese by default", async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await screenshot("01-sign-in");
  });

  await step("signs in with e-mail and password", async () => {
    await page.getByRole("textbox", { name: /^E-mail/ }).fill(adminEmail);
    await page.getByLabel(/^Mật khẩu/).fill(adminPassword);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(/\/units$/);
    await page.getByRole("heading", { name: "Đơn vị", exact: true }).waitFor();
    await screenshot("02-units");
  });

  await step("creates a sub-unit under the top unit", async () => {
    const topUnit = page.locator('a[href^="/units/"]').first();
    const topName = (await topUnit.textContent()) ?? "";
    await topUnit.click();
    await page.getByRole("heading", { name: topName }).waitFor();
    await page.getByRole("button", { name: "Thêm đơn vị trực thuộc" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: /^Tên đơn vị/ }).fill(unitName);
    await dialog.getByRole("combobox", { name: /^Loại đơn vị/ }).click();
    await page.getByRole("option", { name: "Chi đoàn/Chi hội" }).click();
    await dialog.getByRole("button", { name: "Thêm đơn vị" }).click();
    await page.getByText(`Đã tạo đơn vị “${unitName}”.`).waitFor();
    await page.getByRole("link", { name: unitName }).waitFor();
    await dialog.waitFor({ state: "hidden" });
    await screenshot("03-unit-created");
  });

  await step("previews an import file and shows the bad row with its number and reason", async () => {
    await page.getByRole("button", { name: "Mở menu" }).click();
    await page.getByRole("link", { name: "Nhập danh sách" }).click();
    await page.getByRole("heading", { name: "Nhập danh sách nhân sự" }).waitFor();

    const picker = page.getByRole("combobox", { name: /^Đơn vị nhận/ });
    await picker.click();
    await picker.fill(unitName);
    await page.getByRole("option", { name: new RegExp(unitName) }).click();

    const csv = [
      "Họ và tên,E-mail,Số điện thoại,Chức vụ,Mã đơn vị",
      "Nguyễn Văn An,an.nguyen.e2e@example.vn,0912345678,Bí thư chi đoàn,",
      "Trần Thị Bình,khong-phai-email,0987654321,Đoàn viên,",
      "Lê Văn Cường,cuong.le.e2e@example.vn,,Đoàn viên,",
    ].join("\r\n");
    await page.locator('input[type="file"]').setInputFiles({
      name: "danh-sach.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    const previewResponse = page.waitForResponse((response) =>
      response.url().endsWith("/api/people/import/preview"),
    );
    await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
    const preview = (await (await previewResponse).json()) as {
      totalRows: number;
      validRows: number;
      errors: { row: number; field: string; message: { vi: string; en: string } }[];
    };
    assert.equal(preview.totalRows, 3);
    assert.equal(preview.validRows, 2);
    assert.equal(preview.errors.length, 1);
    const [rowError] = preview.errors;
    assert.ok(rowError);
    // Spreadsheet numbering: the header is row 1, so the second person is row 3.
    assert.equal(rowError.row, 3);
    assert.equal(rowError.field, "email");

    const errorRow = page.getByTestId("import-errors").locator(`tr[data-row="${rowError.row}"]`);
    await errorRow.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps the cell boundaries as spaces
    const rowText = (await errorRow.innerText()).replace(/\s+/g, " ");
    assert.match(rowText, /^3 /, "the row number is shown first");
    assert.ok(rowText.includes(rowError.message.vi), `the reason is shown: ${rowText}`);
    assert.ok(rowText.includes("E-mail"), "the column is named");
    await screenshot("04-import-preview");

    await page.getByRole("button", { name: "Nhập 2 dòng hợp lệ" }).click();
    await page.getByText("Đã nhập 2 người (tệp có 3 dòng).").waitFor();
    await screenshot("05-import-done");
  });

  await step("switches the language to English", async () => {
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("heading", { name: "Import people" }).waitFor();
    await page.getByText("Imported 2 people (the file has 3 rows).").waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await page.evaluate(() => localStorage.getItem("caunoi.language")), "en");
    await screenshot("06-english");
  });

  await step("signs out and lands on the English sign-in page", async () => {
    await page.getByRole("button", { name: "Quản trị viên" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    const session = (await (await page.request.get(`${baseUrl}/api/auth/session`)).json()) as {
      authenticated: boolean;
    };
    assert.equal(session.authenticated, false);
    await screenshot("07-signed-out");
  });

  await step("a commune administrator sees only their commune", async () => {
    await page.getByRole("textbox", { name: /^E-mail/ }).fill(communeAdmin.email);
    await page.getByLabel(/^Password/).fill(demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/units$/);
    const topLinks = page.locator('a[href^="/units/"]');
    await topLinks.first().waitFor();
    assert.equal((await topLinks.first().textContent())?.trim(), communeAdmin.unit);
    assert.equal(await page.getByRole("link", { name: communeAdmin.unit, exact: true }).count(), 1);
    assert.equal(await page.getByText("Tỉnh Tuyên Quang", { exact: true }).count(), 0);
    await screenshot("08-commune-admin");
  });
});

test("a client route opened directly gets the app's page", async () => {
  const response = await fetch(`${baseUrl}/reset-password?token=abc`, { headers: { accept: "text/html" } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-cache");
  const html = await response.text();
  assert.match(html, /<div id="root">/);
  // Phones on slow networks get the built assets compressed, and cache them for good (hashed names).
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? "";
  const asset = await fetch(`${baseUrl}${script}`, { headers: { "accept-encoding": "br" } });
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get("content-encoding"), "br");
  assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
});

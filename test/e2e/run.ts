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
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import sharp from "sharp";
import { ensureWebBuild } from "../../scripts/ensure-web-build.ts";
import { type FakeGraph, startFakeGraph } from "../fakes/facebook-graph.ts";
import { freePort, waitUntilReady } from "../helpers/real-server.ts";

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
/** The local stand-in for the Graph API: the server reaches it through CAUNOI_GRAPH_API_URL, as an operator would. */
let graph: FakeGraph;

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
  graph = await startFakeGraph();
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
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

const unitName = `Chi đoàn Thử nghiệm ${Date.now().toString(36)}`;

type Step = (name: string, body: () => Promise<void>) => Promise<void>;

/**
 * Runs the journey's steps in order; once one fails, the rest are skipped (they build on it).
 * A failing step leaves a screenshot of `pages()` (the shared page unless told).
 */
function stepsOf(
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

// ---------------------------------------------------------------------------------------------
// Official channels: the public lookup, and the registry in the web app

/** A fresh browser (no cookies, no stored language) at phone size, for a test that stands alone. */
async function phonePage(
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
async function phoneScreenshot(target: Page, name: string, fullPage = true): Promise<void> {
  await target.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
  const width = await target.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${name}: the page is ${width} px wide on a 360 px screen`);
}

test("a citizen checks a link on the lookup page and sees the owning unit", async () => {
  const { page: citizen, close } = await phonePage();
  try {
    await citizen.goto(`${baseUrl}/kiem-tra`);
    await citizen.getByRole("heading", { name: "Kiểm tra kênh chính thức" }).waitFor();
    // A registered demo page as people share it: mobile host, other capitals, tracking parameters.
    await citizen
      .getByLabel("Địa chỉ trang cần kiểm tra")
      .fill("https://m.facebook.com/CongAnTinh.TuyenQuang.Demo/?fbclid=IwAR0e2e&utm_source=zalo");
    await citizen.getByRole("button", { name: "Kiểm tra" }).click();
    const verdict = citizen.getByRole("status");
    await verdict.getByRole("heading", { name: /Kênh chính thức của Công an tỉnh Tuyên Quang/ }).waitFor();
    assert.match((await verdict.textContent()) ?? "", /Tỉnh Tuyên Quang › Công an tỉnh Tuyên Quang/);
    await phoneScreenshot(citizen, "20-lookup-official");

    await citizen
      .getByLabel("Địa chỉ trang cần kiểm tra")
      .fill("https://www.facebook.com/congan.tuyenquang.that");
    await citizen.getByRole("button", { name: "Kiểm tra" }).click();
    await citizen.getByRole("heading", { name: "Không có trong danh bạ kênh chính thức" }).waitFor();
    await phoneScreenshot(citizen, "21-lookup-unknown");

    // An address below the public pages is a Vietnamese page, not the web app or JSON.
    const missing = await citizen.goto(`${baseUrl}/danh-ba/khong-co`);
    assert.equal(missing?.status(), 404);
    await citizen.getByRole("heading", { name: "Không tìm thấy trang" }).waitFor();
    await phoneScreenshot(citizen, "22-public-not-found");
  } finally {
    await close();
  }
});

test("an administrator registers a channel and is told who owns it when registering it again", async (t) => {
  const { page: admin, close } = await phonePage();
  const step = stepsOf(t, () => [admin]);
  const handle = `phunutuyenquange2e${Date.now().toString(36)}`;
  const owner = "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang";
  const channelName = "Phụ nữ Tuyên Quang";
  const register = async (unit: string, url: string) => {
    await admin.getByRole("button", { name: "Đăng ký kênh" }).first().click();
    const dialog = admin.getByRole("dialog", { name: "Đăng ký kênh chính thức" });
    const picker = dialog.getByRole("combobox", { name: /^Đơn vị/ });
    await picker.click();
    await picker.fill(unit);
    await admin.getByRole("option", { name: new RegExp(`^${unit}`) }).click();
    await dialog.getByRole("combobox", { name: /^Nền tảng/ }).click();
    await admin.getByRole("option", { name: "Trang Facebook", exact: true }).click();
    await dialog.getByRole("textbox", { name: "Địa chỉ", exact: true }).fill(url);
    await dialog.getByRole("textbox", { name: /^Tên kênh/ }).fill(channelName);
    await dialog.getByRole("button", { name: "Đăng ký kênh" }).click();
    return dialog;
  };
  try {
    await step("signs in and opens the registry from the menu", async () => {
      await admin.goto(`${baseUrl}/sign-in`);
      await admin.getByRole("textbox", { name: /^E-mail/ }).fill(adminEmail);
      await admin.getByLabel(/^Mật khẩu/).fill(adminPassword);
      await admin.getByRole("button", { name: "Đăng nhập" }).click();
      await admin.waitForURL(/\/units$/);
      await admin.getByRole("button", { name: "Mở menu" }).click();
      const nav = admin.getByRole("navigation", { name: "Điều hướng chính" });
      // The public pages are plain links to the server's pages, not client routes.
      assert.equal(await nav.getByRole("link", { name: "Kiểm tra kênh" }).getAttribute("href"), "/kiem-tra");
      assert.equal(await nav.getByRole("link", { name: "Danh bạ kênh" }).getAttribute("href"), "/danh-ba");
      await nav.getByRole("link", { name: "Kênh chính thức" }).click();
      await admin.getByRole("heading", { name: "Kênh chính thức", exact: true }).waitFor();
      await admin.getByRole("link", { name: "Công an tỉnh Tuyên Quang", exact: true }).waitFor();
      await phoneScreenshot(admin, "23-channels-list");
    });

    await step("registers a fanpage and finds it in the list", async () => {
      const dialog = await register(owner, `https://www.facebook.com/${handle}`);
      await admin.getByText(`Đã đăng ký kênh “${channelName}”.`).waitFor();
      await dialog.waitFor({ state: "hidden" });
      await admin.getByRole("textbox", { name: "Tìm kiếm" }).fill(handle);
      const card = admin.getByTestId("channel-cards").getByRole("link", { name: channelName });
      await card.waitFor();
      // The search (debounced) narrows the list to the new channel alone.
      await admin.getByText("1 kết quả", { exact: true }).waitFor();
      await phoneScreenshot(admin, "24-channel-registered");
      await card.click();
    });

    await step("sees the channel's details and its history", async () => {
      await admin.getByRole("heading", { name: channelName }).waitFor();
      await admin.getByText(owner, { exact: true }).first().waitFor();
      await admin.getByText("Đang hoạt động", { exact: true }).first().waitFor();
      const history = admin.getByTestId("channel-history");
      await history.getByText("Đăng ký kênh", { exact: true }).waitFor();
      assert.match((await history.textContent()) ?? "", /bởi Quản trị viên/);
      assert.match((await history.textContent()) ?? "", new RegExp(`facebook\\.com/${handle}`));
      await phoneScreenshot(admin, "25-channel-detail");
    });

    await step(
      "edits the channel and takes its avatar from the library, uploading the image there",
      async () => {
        await admin.getByRole("button", { name: "Sửa", exact: true }).click();
        const dialog = admin.getByRole("dialog", { name: "Sửa thông tin kênh" });
        await dialog.getByRole("button", { name: "Chọn ảnh từ thư viện" }).click();
        const picker = admin.getByRole("dialog", { name: `Chọn ảnh, video của ${owner}` });
        await picker.getByRole("tab", { name: "Tải lên" }).click();
        const logo = await sharp({
          create: { width: 96, height: 96, channels: 3, background: { r: 190, g: 30, b: 90 } },
        })
          .png()
          .toBuffer();
        await picker.locator('input[type="file"]').setInputFiles({
          name: "logo-phu-nu.png",
          mimeType: "image/png",
          buffer: logo,
        });
        await picker.getByLabel(/^Mô tả ảnh/).fill("Biểu trưng Hội Phụ nữ tỉnh");
        await picker.getByRole("button", { name: /^Tải lên 1 tệp/ }).click();
        await picker.getByText("Đã tải lên.").waitFor();
        await picker.getByText("Đã chọn 1/1").waitFor();
        await phoneScreenshot(admin, "25d-channel-avatar-uploaded", false);
        await picker.getByTestId("media-picker-confirm").click();
        await picker.waitFor({ state: "hidden" });
        const address = await dialog.getByRole("textbox", { name: "Địa chỉ ảnh đại diện" }).inputValue();
        assert.match(address, new RegExp(`^${baseUrl}/media/[^/]+$`));
        const field = dialog.getByTestId("channel-avatar-field");
        await field.getByRole("img", { name: "Ảnh đại diện của kênh" }).waitFor();
        await field.getByRole("button", { name: "Bỏ ảnh đại diện" }).waitFor();
        await field.evaluate((element) => element.scrollIntoView({ block: "center" }));
        await phoneScreenshot(admin, "25d-channel-avatar-chosen", false);
        await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
        await admin.getByText("Đã lưu thông tin kênh.").waitFor();
        const avatar = admin.locator(`img[src="${address}"]`);
        await avatar.waitFor();
        await admin.waitForFunction((src) => {
          const image = document.querySelector<HTMLImageElement>(`img[src="${src}"]`);
          return Boolean(image?.complete && image.naturalWidth > 0);
        }, address);
        assert.equal(await avatar.evaluate((image: HTMLImageElement) => image.naturalWidth), 96);
        await phoneScreenshot(admin, "25e-channel-avatar");
      },
    );

    await step("verifies the channel, then marks it closed as of an earlier day", async () => {
      await admin.getByRole("button", { name: "Thao tác khác" }).click();
      await admin.getByRole("menuitem", { name: "Xác minh kênh" }).click();
      await admin.getByRole("dialog").getByRole("button", { name: "Xác minh" }).click();
      await admin.getByText("Đã ghi nhận xác minh.").waitFor();
      await admin.getByText(/Quản trị viên xác minh lúc/).waitFor();

      await admin.getByRole("button", { name: "Thao tác khác" }).click();
      await admin.getByRole("menuitem", { name: "Đánh dấu đã đóng" }).click();
      const dialog = admin.getByRole("dialog");
      await dialog.getByLabel(/^Từ ngày/).fill("2026-01-15");
      await phoneScreenshot(admin, "25b-channel-close-dialog", false);
      await dialog.getByRole("button", { name: "Lưu trạng thái" }).click();
      await admin.getByText("Đã đổi trạng thái kênh thành “Đã đóng”.").waitFor();
      const history = admin.getByTestId("channel-history");
      await history.getByText("Đổi trạng thái", { exact: true }).waitFor();
      assert.match((await history.textContent()) ?? "", /Đang hoạt động → Đã đóng, từ ngày 15\/01\/2026/);
      await history.getByText("Xác minh", { exact: true }).waitFor();
      await phoneScreenshot(admin, "25c-channel-closed");
    });

    await step("registering the same page in another form names the unit that owns it", async () => {
      await admin.getByRole("link", { name: "Tất cả kênh" }).click();
      await admin.getByRole("heading", { name: "Kênh chính thức", exact: true }).waitFor();
      const dialog = await register(
        "Tỉnh đoàn Tuyên Quang",
        `https://m.facebook.com/${handle.toUpperCase()}/?ref=share&utm_source=zalo`,
      );
      const message = dialog.getByText(/đã được đăng ký là kênh chính thức của/);
      await message.waitFor();
      assert.match((await message.textContent()) ?? "", new RegExp(`“${owner}”`));
      // What the phone shows (a dialog): the address field, brought back into view with the refusal under it.
      await phoneScreenshot(admin, "26-channel-key-taken", false);
    });
  } finally {
    await close();
  }
});

// ---------------------------------------------------------------------------------------------
// Members' account declarations: a request to review them, answered from a phone

/** Signs a fresh phone browser in as `email`. */
async function signedInPhone(
  email: string,
  password: string,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; close: () => Promise<void> }> {
  const phone = await phonePage(options);
  await phone.page.goto(`${baseUrl}/sign-in`);
  await phone.page.getByRole("textbox", { name: /^E-mail/ }).fill(email);
  await phone.page.getByLabel(/^Mật khẩu/).fill(password);
  await phone.page.getByRole("button", { name: "Đăng nhập" }).click();
  await phone.page.waitForURL(/\/units$/);
  return phone;
}

test("a member answers a declaration request and the administrator sees completion rise", async (t) => {
  const admin = await signedInPhone(communeAdmin.email, demoPassword);
  const member = await signedInPhone("hoa.mathi@tuyenquang.caunoi.example", demoPassword);
  const step = stepsOf(t, () => [admin.page, member.page]);
  const title = `Rà soát kê khai quý IV ${Date.now().toString(36)}`;
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  /** "3/24 người đã xác nhận" → [3, 24] */
  const completion = async () => {
    const text = (await admin.page.getByTestId("request-total").textContent()) ?? "";
    const match = /(\d+)\/(\d+) người đã xác nhận/.exec(text);
    assert.ok(match, `no completion in “${text}”`);
    return [Number(match[1]), Number(match[2])];
  };
  let before: number[] = [];
  try {
    await step("the commune administrator sends a request to the commune", async () => {
      const { page: a } = admin;
      await a.getByRole("button", { name: "Mở menu" }).click();
      await a.getByRole("link", { name: "Yêu cầu kê khai" }).click();
      await a.getByRole("heading", { name: "Yêu cầu rà soát kê khai" }).waitFor();
      await a.getByRole("button", { name: "Gửi yêu cầu" }).first().click();
      const dialog = a.getByRole("dialog");
      await dialog.getByTestId("request-unit").click();
      // Each option reads "name, kind · code"; the commune itself comes first.
      await a
        .getByRole("option", { name: new RegExp(`^${communeAdmin.unit}`) })
        .first()
        .click();
      await dialog.getByRole("textbox", { name: /^Tiêu đề/ }).fill(title);
      await dialog.getByTestId("request-due").fill(due);
      await dialog.getByRole("button", { name: "Gửi yêu cầu" }).click();
      await a.getByText("Đã gửi yêu cầu. Thư nhắc sẽ gửi 2 lần trước hạn.").waitFor();
      await a.getByRole("link", { name: title }).click();
      await a.getByTestId("request-total").waitFor();
      before = await completion();
      assert.equal(before[0], 0);
      assert.ok((before[1] ?? 0) > 1, "the commune has members");
      await phoneScreenshot(a, "30-declaration-request");
    });

    await step("the member sees the request, declares an account with consent and confirms", async () => {
      const { page: m } = member;
      await m.getByRole("button", { name: "Mở menu" }).click();
      await m.getByRole("link", { name: "Tài khoản của tôi" }).click();
      const request = m.getByTestId("member-request").filter({ hasText: title });
      await request.waitFor();
      await m.getByText("Bạn chưa kê khai tài khoản nào.").waitFor();
      await phoneScreenshot(m, "31-my-accounts-request");

      await m.getByRole("button", { name: "Kê khai tài khoản" }).click();
      const dialog = m.getByRole("dialog");
      await dialog.getByTestId("declaration-platform").click();
      await m.getByRole("option", { name: "TikTok" }).click();
      await dialog
        .getByRole("textbox", { name: /^Địa chỉ tài khoản/ })
        .fill("https://www.tiktok.com/@hoamathi.tantrao?lang=vi");
      await dialog.getByRole("textbox", { name: /^Tên hiển thị/ }).fill("Hoà Tân Trào");
      await dialog
        .getByTestId("declaration-purpose")
        .getByText(/Quy định 85/)
        .waitFor();
      // Without consent nothing is sent.
      await dialog.getByRole("button", { name: "Kê khai", exact: true }).click();
      await dialog.getByText("Bạn cần đồng ý với mục đích kê khai để tiếp tục.").waitFor();
      await phoneScreenshot(m, "32-declare-consent", false);
      await dialog.getByRole("checkbox", { name: /đồng ý cung cấp thông tin/ }).check();
      await dialog.getByRole("button", { name: "Kê khai", exact: true }).click();
      await dialog.waitFor({ state: "hidden" });
      await m.getByTestId("declaration-card").filter({ hasText: "Hoà Tân Trào" }).waitFor();

      await request.getByRole("button", { name: "Tôi đã rà soát, xác nhận" }).click();
      await request.getByText(/Đã xác nhận lúc/).waitFor();
      await phoneScreenshot(m, "33-my-accounts-confirmed");
    });

    await step("the administrator sees completion rise by one", async () => {
      await admin.page.reload();
      await admin.page.getByTestId("request-total").waitFor();
      const after = await completion();
      assert.deepEqual(after, [(before[0] ?? 0) + 1, before[1]]);
      await phoneScreenshot(admin.page, "34-declaration-request-progress");
    });
  } finally {
    await admin.close();
    await member.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Publishing: written once, approved, scheduled a minute ahead, out on the portal and Facebook

/** "YYYY-MM-DDTHH:mm" in Vietnam time, as a datetime-local field takes it. */
function vietnamLocal(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

test("an editor's post is approved, scheduled a minute ahead and published once to the portal and Facebook", async (t) => {
  const editor = await signedInPhone("trang.lethu@tuyenquang.caunoi.example", demoPassword);
  const admin = await signedInPhone(adminEmail, adminPassword);
  const citizen = await phonePage();
  const step = stepsOf(t, () => [editor.page, admin.page, citizen.page]);
  const title = `Tuyên Quang khai trương tuyến xe buýt liên huyện ${Date.now().toString(36)}`;
  let postUrl = "";
  const variantPanels = (page: Page) => page.getByTestId("variant-tab");
  /** Runs `action` on each variant tab of the post open in `page`. */
  const onEachVariant = async (page: Page, action: () => Promise<void>) => {
    const tabs = await variantPanels(page).count();
    for (let index = 0; index < tabs; index++) {
      await variantPanels(page).nth(index).click();
      await action();
    }
  };
  try {
    await step("the province's fanpage is connected to (a local stand-in for) the Graph API", async () => {
      const session = await (await admin.page.request.get(`${baseUrl}/api/auth/session`)).json();
      const found = await (
        await admin.page.request.get(
          `${baseUrl}/api/channels?q=${encodeURIComponent("Thông tin Tuyên Quang")}`,
        )
      ).json();
      const fanpage = found.items.find(
        (channel: { platform: string }) => channel.platform === "facebook_page",
      );
      assert.ok(fanpage, "the demo fanpage is in the registry");
      const connected = await admin.page.request.put(`${baseUrl}/api/channels/${fanpage.id}/connection`, {
        headers: { "x-csrf-token": session.csrfToken },
        data: { token: graph.token, accountId: graph.pageId },
      });
      assert.equal(connected.status(), 200, await connected.text());
    });

    await step("the editor writes the post for the portal and the fanpage", async () => {
      const page = editor.page;
      await page.goto(`${baseUrl}/posts/new`);
      await page.getByRole("heading", { name: "Viết bài mới" }).waitFor();
      // A new post starts in the first unit where its writer may write: here the province.
      await page.getByTestId("post-channel").first().waitFor();
      assert.equal(await page.getByTestId("post-unit").inputValue(), "Tỉnh Tuyên Quang");
      await page.getByTestId("post-title").fill(title);
      const body = page.getByTestId("post-body");
      await body.click();
      await body.pressSequentially(
        "Từ ngày 1/12, tuyến xe buýt số 05 nối trung tâm tỉnh với Tân Trào hoạt động mỗi ngày.",
      );
      await page.getByTestId("post-channel").and(page.locator('[data-platform="website"]')).check();
      // The province has one fanpage in the registry: "Thông tin Tuyên Quang".
      await page.getByTestId("post-channel").and(page.locator('[data-platform="facebook_page"]')).check();
      await phoneScreenshot(page, "40-post-compose");
      await page.getByTestId("post-save").click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      postUrl = page.url();
      await variantPanels(page).nth(1).waitFor();
      assert.equal(await variantPanels(page).count(), 2);
      await onEachVariant(page, async () => {
        await page.getByTestId("variant-submit").click();
        await page.locator('[data-testid="variant-panel"][data-status="in_review"]').waitFor();
      });
      await phoneScreenshot(page, "41-post-in-review");
    });

    await step("an administrator approves both variants", async () => {
      const page = admin.page;
      await page.goto(postUrl);
      await variantPanels(page).nth(1).waitFor();
      await onEachVariant(page, async () => {
        await page.getByTestId("variant-approve").click();
        await page.locator('[data-testid="variant-panel"][data-status="approved"]').waitFor();
      });
      await phoneScreenshot(page, "42-post-approved");
    });

    await step("the editor schedules both a minute ahead, and they go out at that time", async () => {
      const page = editor.page;
      await page.goto(postUrl);
      await variantPanels(page).nth(1).waitFor();
      const at = vietnamLocal(new Date(Date.now() + 90_000));
      await onEachVariant(page, async () => {
        await page.getByTestId("variant-schedule").click();
        await page.getByTestId("schedule-at").fill(at);
        await page.getByTestId("schedule-confirm").click();
        await page.locator('[data-testid="variant-panel"][data-status="scheduled"]').waitFor();
      });
      await phoneScreenshot(page, "43-post-scheduled");
      const deadline = Date.now() + 180_000;
      for (;;) {
        const post = await (
          await page.request.get(`${baseUrl}/api/posts/${postUrl.split("/").pop()}`)
        ).json();
        const statuses = post.variants.map((variant: { status: string }) => variant.status);
        if (statuses.every((status: string) => status === "published")) {
          break;
        }
        assert.ok(!statuses.includes("failed"), `a variant failed: ${JSON.stringify(post.variants)}`);
        assert.ok(Date.now() < deadline, `not published in time: ${statuses.join(", ")}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      await page.reload();
      await page.locator('[data-testid="variant-panel"][data-status="published"]').waitFor();
      await phoneScreenshot(page, "44-post-published");
    });

    await step(
      "a citizen reads it on the portal and in its RSS feed; Facebook got it exactly once",
      async () => {
        const page = citizen.page;
        await page.goto(`${baseUrl}/u/TQ`);
        await page.getByRole("link", { name: title }).click();
        await page.getByRole("heading", { name: title }).waitFor();
        await phoneScreenshot(page, "45-portal-article");
        const rss = await (await page.request.get(`${baseUrl}/u/TQ/rss.xml`)).text();
        assert.ok(rss.includes(`<title>${title}</title>`), "the article is in the RSS feed");
        assert.equal(graph.posts.filter((post) => post.message.includes(title)).length, 1);
        assert.equal(graph.publishCalls().length, 1);
      },
    );
  } finally {
    await editor.close();
    await admin.close();
    await citizen.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Member advocacy: a share kit from a published article, shared from a member's phone, clicked

/** A phone's own browser, as a person's click sends it (headless Chromium names itself and counts as a robot). */
const phoneUserAgent =
  "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

test("an editor makes a share kit, a member shares their link from the phone, and the click shows in the report", async (t) => {
  const editor = await signedInPhone("trang.lethu@tuyenquang.caunoi.example", demoPassword);
  const member = await signedInPhone("hoa.mathi@tuyenquang.caunoi.example", demoPassword, {
    userAgent: phoneUserAgent,
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const step = stepsOf(t, () => [editor.page, member.page]);
  const article = "Cảnh báo thủ đoạn giả danh công an gọi điện yêu cầu cài ứng dụng";
  const captions = [
    `Cảnh giác: công an không bao giờ gọi điện bắt cài ứng dụng ${Date.now().toString(36)}`,
    "Chia sẻ để người thân, hàng xóm cùng biết và phòng tránh.",
  ];
  let kitUrl = "";
  let link = "";
  try {
    await step("the editor makes a kit of a published portal article for the province", async () => {
      const page = editor.page;
      await page.getByRole("button", { name: "Mở menu" }).click();
      await page.getByRole("link", { name: "Bộ tin chia sẻ" }).click();
      await page.getByRole("heading", { name: "Bộ tin chia sẻ", exact: true }).waitFor();
      await page.getByTestId("kit-new").click();
      await page.getByRole("heading", { name: "Tạo bộ tin chia sẻ" }).waitFor();
      // A new kit starts in the first unit where its editor makes kits: here the province.
      assert.equal(await page.getByTestId("kit-unit").inputValue(), "Tỉnh Tuyên Quang");
      const post = page.getByTestId("kit-post");
      await post.click();
      await post.fill("giả danh công an");
      await page.getByRole("option", { name: article }).click();
      // The title comes from the post.
      assert.equal(await page.getByTestId("kit-title").inputValue(), article);
      await page
        .getByTestId("kit-caption")
        .first()
        .fill(captions[0] ?? "");
      await page.getByTestId("kit-add-caption").click();
      await page
        .getByTestId("kit-caption")
        .nth(1)
        .fill(captions[1] ?? "");
      await page.getByTestId("kit-targets").getByText("Tỉnh Tuyên Quang", { exact: true }).waitFor();
      await phoneScreenshot(page, "50-kit-compose");
      await page.getByTestId("kit-save").click();
      await page.waitForURL(/\/share-kits\/[0-9a-f-]{36}$/);
      kitUrl = page.url();
      await page.getByRole("heading", { name: article }).waitFor();
      await page.getByText("Đang hiện", { exact: true }).first().waitFor();
      await page.getByTestId("report-clicks").waitFor();
      await phoneScreenshot(page, "51-kit-created");
    });

    await step(
      "the member sees the kit on /share at 360 px and copies a caption with their own link",
      async () => {
        const page = member.page;
        await page.getByRole("button", { name: "Mở menu" }).click();
        await page.getByRole("link", { name: "Chia sẻ tin" }).click();
        await page.getByRole("heading", { name: "Chia sẻ tin", exact: true }).waitFor();
        // The demo has kits of the same articles; this one is known by its caption.
        const found = page.getByTestId("feed-kit").filter({ hasText: captions[0] });
        await found.waitFor();
        // Held by its id from here on: its caption changes below.
        const card = page.locator(`[data-kit-id="${await found.getAttribute("data-kit-id")}"]`);
        // The card image has its size before it arrives: no jump in the list.
        const box = await card.locator("img").boundingBox();
        assert.ok(box && box.height > 100, `the card image keeps its room: ${JSON.stringify(box)}`);
        link = ((await card.getByTestId("feed-link").textContent()) ?? "").trim();
        assert.match(link, new RegExp(`^${baseUrl.replace(/[.]/g, "\\.")}/s/[A-Za-z0-9_-]+$`));
        assert.equal(await card.getByTestId("feed-caption").textContent(), captions[0]);
        await card.getByRole("button", { name: /^Lời dẫn khác/ }).click();
        assert.equal(await card.getByTestId("feed-caption").textContent(), captions[1]);
        await card.getByRole("button", { name: /^Lời dẫn khác/ }).click();
        await card.getByTestId("feed-copy").click();
        await card.getByTestId("feed-shared").getByText("Đã chia sẻ").waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${captions[0]}\n${link}`);
        await phoneScreenshot(page, "52-share-feed");
        // Marked by mistake: taken back, then marked again by hand.
        await card.getByRole("button", { name: "Bỏ đánh dấu" }).click();
        await card.getByTestId("feed-mark").click();
        await card.getByTestId("feed-shared").waitFor();
      },
    );

    await step(
      "following the link lands on the portal article; a script's fetch counts as a robot",
      async () => {
        const page = member.page;
        // A script asking for the link (no browser): answered the same, counted apart from people.
        const response = await page.request.get(link, {
          maxRedirects: 0,
          headers: { "user-agent": "curl/8.5.0" },
        });
        assert.equal(response.status(), 302);
        assert.match(response.headers().location ?? "", /\/u\/TQ\//);
        await page.goto(link);
        await page.waitForURL(/\/u\/TQ\//);
        await page.getByRole("heading", { name: article }).waitFor();
        await phoneScreenshot(page, "53-link-followed");
      },
    );

    await step("the editor sees the click in the kit's report, by the member's unit", async () => {
      const page = editor.page;
      const figure = (testId: string) => page.getByTestId(testId).locator("[data-value]");
      // Clicks are written in batches about once a second; reload until they show, for a bounded time.
      const deadline = Date.now() + 20_000;
      for (;;) {
        await page.goto(kitUrl);
        await figure("report-clicks").waitFor();
        if ((await figure("report-clicks").getAttribute("data-value")) !== "0") {
          break;
        }
        assert.ok(Date.now() < deadline, "the click did not reach the report within 20 s");
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      assert.equal(await figure("report-clicks").getAttribute("data-value"), "1");
      assert.equal(await figure("report-bots").getAttribute("data-value"), "1");
      const session = await (await member.page.request.get(`${baseUrl}/api/auth/session`)).json();
      const unit = await (
        await member.page.request.get(`${baseUrl}/api/units/${session.person.unitId}`)
      ).json();
      const row = page.getByTestId("report-by-unit").locator("tbody tr").filter({ hasText: unit.name });
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps the cell boundaries as spaces
      assert.match((await row.innerText()).replace(/\s+/g, " "), /^.+ 1 0 1$/);
      await page.getByTestId("day-chart").locator("canvas").waitFor();
      await phoneScreenshot(page, "54-kit-report");
    });
  } finally {
    await editor.close();
    await member.close();
  }
});

import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { registerChannel } from "../channels/service.ts";

/*
 * A kit counts as shared when the member says so, not when they copy its link or open Zalo or
 * Facebook: the feed page's own script runs in Chromium, its requests answered by the application.
 */

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const origin = "http://caunoi.test";

let t: TestApp;
let member: SessionClient;
let kitId = "";
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function myShare() {
  const feed = (await member.request({ method: "GET", url: "/api/me/share-feed" })).json();
  const item = feed.items.find((entry: { id: string }) => entry.id === kitId);
  return { sharedAt: item.sharedAt as string | null, method: item.sharedMethod as string | null };
}

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrganisation(t.db);
  const fanpageUrl = `https://www.facebook.com/xachiase${Date.now()}`;
  await registerChannel(
    { db: t.db, actor: null, ip: null },
    { unitId: org.left.id, platform: "facebook_page", url: fanpageUrl, displayName: "Trang xã" },
  );
  const editor = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] })).email ?? "",
  );
  member = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["member"] })).email ?? "",
  );
  const kit = await editor.request({
    method: "POST",
    url: "/api/share-kits",
    payload: { unitId: org.left.id, url: fanpageUrl, title: "Theo dõi trang xã", captions: ["Mời theo dõi"] },
  });
  expect(kit.statusCode, kit.body).toBe(201);
  kitId = kit.json().id;

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  // The browser talks to the application itself (as the member), and to nothing else: Facebook's
  // share page, opened in a new tab, is answered by nobody.
  await context.route("**/*", async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin !== origin) {
      return route.abort();
    }
    const response = await t.app.inject({
      method: request.method() as "GET",
      url: `${url.pathname}${url.search}`,
      headers: { ...(await request.allHeaders()), cookie: member.cookie },
      ...(request.postDataBuffer() ? { payload: request.postDataBuffer() ?? undefined } : {}),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined && name !== "set-cookie") {
        headers[name] = String(value);
      }
    }
    return route.fulfill({ status: response.statusCode, headers, body: response.rawPayload });
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await t?.close();
});

describe("sharing a kit from the feed page", () => {
  it("records nothing when the member copies or opens Facebook, then records their confirmation", async () => {
    await page.goto(`${origin}/share`);
    const card = page.locator(`[data-kit-id="${kitId}"]`);
    await card.waitFor();
    await page.waitForFunction(() => "__feedScriptReady" in window);

    await card.getByTestId("feed-facebook").click();
    const confirm = card.getByTestId("feed-confirm");
    await confirm.getByText("Đã chia sẻ xong?").waitFor();
    expect((await myShare()).sharedAt).toBeNull();
    // Not yet: the question goes away and nothing is recorded.
    await confirm.getByRole("button", { name: "Chưa" }).click();
    await confirm.waitFor({ state: "hidden" });

    await card.getByTestId("feed-copy").click();
    await card.getByTestId("feed-note").getByText("Đã sao chép lời dẫn và liên kết.").waitFor();
    await confirm.waitFor();
    expect(await card.getByTestId("feed-shared").isHidden()).toBe(true);
    expect((await myShare()).sharedAt).toBeNull();

    // The question sits in the card's flow, above its status: it covers nothing.
    const question = await confirm.boundingBox();
    const status = await card.getByTestId("feed-unshared").boundingBox();
    expect(question && status && question.y + question.height <= status.y).toBe(true);
    await card.screenshot({ path: ".test-artifacts/share-confirm-360.png" });

    await confirm.getByRole("button", { name: "Đã chia sẻ" }).click();
    await card.getByTestId("feed-shared").getByText("Đã chia sẻ").waitFor();
    await confirm.waitFor({ state: "hidden" });
    const shared = await myShare();
    expect(shared.sharedAt).not.toBeNull();
    expect(shared.method).toBe("copy");
  });
});

import assert from "node:assert/strict";
import { test } from "node:test";
import type { Locator, Page } from "playwright-core";
import {
  adminEmail,
  adminPassword,
  baseUrl,
  graph,
  phoneScreenshot,
  signedInPhone,
  stepsOf,
  zalo,
} from "../harness.ts";

// Connecting by signing in, on a phone: a fanpage whose Page id nobody knows yet is connected by
// choosing it among the Pages Facebook granted, and the demo's Zalo OA by Zalo's consent page
// (OAuth v4 with PKCE), against the harness's fakes. Both are channels no other journey connects.

/** Scrolls the part to the top of the phone's screen, just below the sticky header, for a screenshot as seen. */
async function inView(part: Locator): Promise<void> {
  await part.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 72));
}

/** The session's CSRF token, for the API calls a journey makes to set the scene. */
async function csrfOf(page: Page): Promise<string> {
  return (await (await page.request.get(`${baseUrl}/api/auth/session`)).json()).csrfToken;
}

test("an administrator connects a new fanpage by signing in to Facebook and choosing its Page", async (t) => {
  const admin = await signedInPhone(adminEmail, adminPassword);
  const page = admin.page;
  const step = stepsOf(t, () => [page]);
  const unitName = "Đoàn Trường Đại học Tân Trào";
  const chosen = graph.otherPages.find((candidate) => candidate.name === unitName);
  assert.ok(chosen, "the fake Facebook has the union branch's Page");
  let channelId = "";
  let choice = "";
  try {
    await step("the union branch registers its fanpage by its vanity address", async () => {
      const units = await page.request.get(`${baseUrl}/api/units`, { params: { q: unitName } });
      const unitId = ((await units.json()) as { items: { id: string; name: string }[] }).items.find(
        (unit) => unit.name === unitName,
      )?.id;
      assert.ok(unitId, `${unitName} is in the demo`);
      const registered = await page.request.post(`${baseUrl}/api/channels`, {
        headers: { "x-csrf-token": await csrfOf(page) },
        data: {
          unitId,
          platform: "facebook_page",
          url: "https://www.facebook.com/doantruong.daihoctantrao.demo",
          displayName: unitName,
        },
      });
      assert.equal(registered.status(), 201, await registered.text());
      const channel = await registered.json();
      // A vanity name is not a Page id: which Page is the channel's, only the sign-in can tell.
      assert.equal(channel.platformId, null);
      channelId = channel.id;
    });

    await step("signing in grants three Pages, and the channel's page asks which one, by name", async () => {
      await page.goto(`${baseUrl}/channels/${channelId}`);
      const card = page.getByTestId("connection-card");
      assert.equal(await card.getByTestId("connection-state").getAttribute("data-state"), "not_connected");
      const button = card.getByTestId("connection-sign-in");
      assert.equal(await button.textContent(), "Kết nối bằng Facebook");
      graph.login.decide("approve");
      graph.login.grant([graph.pageId, ...graph.otherPages.map((other) => other.id)]);
      const callback = page.waitForResponse((r) => r.url().includes("/api/connect/facebook/callback"));
      await button.click();
      const back = new URL((await (await callback).headerValue("location")) ?? "", baseUrl);
      assert.equal(back.pathname, `/channels/${channelId}`);
      assert.equal(back.searchParams.get("ket-noi"), "choose");
      choice = back.searchParams.get("chon") ?? "";
      assert.ok(choice, "the callback sends the chooser's one-time token");

      const chooser = card.getByTestId("connection-page-chooser");
      await chooser.getByText("Chọn Trang cần kết nối").waitFor();
      await chooser.getByRole("radio").first().waitFor();
      const granted = [graph.pageName, ...graph.otherPages.map((other) => other.name)];
      assert.equal(await chooser.getByRole("radio").count(), granted.length);
      for (const name of granted) {
        assert.equal(await chooser.getByRole("radio", { name, exact: true }).count(), 1, name);
      }
      // The one-time token leaves the address at once; no page is picked for the admin.
      assert.doesNotMatch(page.url(), /chon=|ket-noi=/);
      assert.equal(await chooser.getByTestId("connection-choose").isDisabled(), true);
      assert.equal(await page.getByText(/EAAfake/).count(), 0);
      await inView(chooser);
      await phoneScreenshot(page, "97a-page-chooser", false);
    });

    await step(
      "the admin picks the branch's Page and the card shows the channel connected to it",
      async () => {
        const card = page.getByTestId("connection-card");
        const chooser = card.getByTestId("connection-page-chooser");
        await chooser.getByRole("radio", { name: unitName }).check();
        await chooser.getByTestId("connection-choose").click();
        await page.getByText(`Đã kết nối kênh “${unitName}”.`).waitFor();
        await chooser.waitFor({ state: "detached" });
        await card.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
        await card.getByText(chosen.id, { exact: true }).waitFor();
        assert.equal(await page.getByText(chosen.token).count(), 0);
        await card.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "97b-page-chosen-connected");

        await page.reload();
        await card.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
        assert.equal(await card.getByTestId("connection-page-chooser").count(), 0);
        assert.equal(await card.getByTestId("connection-flow-result").count(), 0);
      },
    );

    await step("the chooser's address played back from the history is refused in words", async () => {
      await page.goto(`${baseUrl}/channels/${channelId}?ket-noi=choose&chon=${encodeURIComponent(choice)}`);
      const chooser = page.locator('[data-testid="connection-page-chooser"][data-state="refused"]');
      await chooser
        .getByText("Không nhận ra lượt kết nối này. Vui lòng bấm lại nút kết nối trên trang của kênh.")
        .waitFor();
      // Nothing to choose: no request to choose and no (disabled) button to do it, only the way on.
      assert.equal(await chooser.getByRole("radio").count(), 0);
      assert.equal(await chooser.getByText("Vui lòng chọn Trang của kênh này.", { exact: false }).count(), 0);
      assert.equal(await page.getByTestId("connection-choose").count(), 0);
      await inView(page.getByTestId("connection-card"));
      await phoneScreenshot(page, "97c-page-chooser-spent", false);
      await chooser.getByRole("button", { name: "Đóng" }).click();
      await chooser.waitFor({ state: "detached" });
      // Still connected to the Page chosen.
      const card = page.getByTestId("connection-card");
      assert.equal(await card.getByTestId("connection-state").getAttribute("data-state"), "connected");
    });
  } finally {
    await admin.close();
  }
});

test("an administrator connects the demo's Zalo OA by signing in to Zalo", async (t) => {
  const admin = await signedInPhone(adminEmail, adminPassword);
  const page = admin.page;
  const step = stepsOf(t, () => [page]);
  try {
    await step("the Zalo OA's page offers 'Kết nối bằng Zalo'", async () => {
      const found = await page.request.get(`${baseUrl}/api/channels`, {
        params: { q: zalo.oaName },
      });
      const channel = (
        (await found.json()) as { items: { id: string; platform: string; url: string }[] }
      ).items.find((candidate) => candidate.platform === "zalo_oa");
      assert.ok(channel, "the demo has a Zalo OA");
      assert.equal(channel.url, `https://zalo.me/${zalo.oaId}`);
      await page.goto(`${baseUrl}/channels/${channel.id}`);
      const card = page.getByTestId("connection-card");
      assert.equal(await card.getByTestId("connection-state").getAttribute("data-state"), "not_connected");
      assert.equal(await card.getByTestId("connection-sign-in").textContent(), "Kết nối bằng Zalo");
      await card
        .getByText(
          "Bạn sẽ đăng nhập Zalo và cho phép Cầu Nối đăng bài lên Zalo OA; mã truy cập được tự gia hạn.",
        )
        .waitFor();
    });

    await step("refusing on Zalo's consent page brings the admin back with a clear word", async () => {
      const card = page.getByTestId("connection-card");
      zalo.oauth.decide("deny");
      try {
        await card.getByTestId("connection-sign-in").click();
        const result = card.locator('[data-testid="connection-flow-result"][data-reason="denied"]');
        await result.waitFor();
        assert.match((await result.textContent()) ?? "", /Bạn đã không cho phép Cầu Nối truy cập/);
      } finally {
        zalo.oauth.decide("approve");
      }
      assert.equal(await card.getByTestId("connection-state").getAttribute("data-state"), "not_connected");
      await inView(card);
      await phoneScreenshot(page, "98a-zalo-sign-in-denied", false);
    });

    await step("approving connects the OA with a token that renews itself and works", async () => {
      const card = page.getByTestId("connection-card");
      const exchanges = () => zalo.received.filter((r) => r.form?.get("grant_type") === "authorization_code");
      const before = exchanges().length;
      await card.getByTestId("connection-sign-in").click();
      const result = card.locator('[data-testid="connection-flow-result"][data-reason="ok"]');
      await result.waitFor();
      assert.match((await result.textContent()) ?? "", /Đã kết nối kênh\./);
      assert.doesNotMatch(page.url(), /ket-noi=/);
      // One code exchanged, with the PKCE verifier the fake checks against the challenge.
      assert.equal(exchanges().length, before + 1);
      assert.ok(exchanges().at(-1)?.form?.get("code_verifier"));
      await card.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      await card.getByText(zalo.oaId, { exact: true }).waitFor();
      assert.equal(
        await card.getByTestId("connection-expires").textContent(),
        "Tự gia hạn trước khi hết hạn",
      );

      await card.getByTestId("connection-test").click();
      const tested = card.getByTestId("connection-test-result");
      await tested.waitFor();
      assert.equal(await tested.getAttribute("data-result"), "ok");
      assert.match(
        (await tested.textContent()) ?? "",
        new RegExp(`nền tảng xác nhận mã truy cập thuộc về “${zalo.oaName}”`),
      );
      assert.equal(await page.getByText(zalo.token).count(), 0);
      await inView(card);
      await phoneScreenshot(page, "98b-zalo-connected", false);
    });
  } finally {
    await admin.close();
  }
});

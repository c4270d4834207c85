import assert from "node:assert/strict";
import { test } from "node:test";
import { eventually } from "../../helpers/eventually.ts";
import { baseUrl, demoPassword, phoneScreenshot, signedInPhone, stepsOf } from "../harness.ts";

// Member advocacy: a share kit from a published article, shared from a member's phone, clicked.

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
        // The feed is the member's home: the app's address brings them back to it.
        await page.goto(`${baseUrl}/`);
        await page.waitForURL(/\/share$/);
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
        // Copying marks nothing: the member says when they have shared it.
        await card.getByTestId("feed-confirm").getByText("Đã chia sẻ xong?").waitFor();
        assert.equal(await card.getByTestId("feed-shared").isHidden(), true);
        await card.getByTestId("feed-confirm-yes").click();
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
      // Clicks are written in batches about once a second; reload until they show.
      await eventually(
        async () => {
          await page.goto(kitUrl);
          await figure("report-clicks").waitFor();
          return (await figure("report-clicks").getAttribute("data-value")) !== "0";
        },
        { what: "the click to reach the kit's report", timeoutMs: 30_000, intervalMs: 1000 },
      );
      assert.equal(await figure("report-clicks").getAttribute("data-value"), "1");
      assert.equal(await figure("report-bots").getAttribute("data-value"), "1");
      const session = await (await member.page.request.get(`${baseUrl}/api/auth/session`)).json();
      // The member does not read the unit tree; the editor (of the whole province) does.
      const unit = await (
        await editor.page.request.get(`${baseUrl}/api/units/${session.person.unitId}`)
      ).json();
      // On a phone the table is a card a row: the unit, then its figures, each named.
      const row = page.getByTestId("report-by-unit").locator("[data-row]").filter({ hasText: unit.name });
      assert.deepEqual((await row.locator("[data-cell]").allInnerTexts()).slice(1), ["1", "0", "1"]);
      assert.equal(await page.getByTestId("report-by-unit").locator("table").count(), 0);
      await page.getByTestId("day-chart").locator("canvas").waitFor();
      await phoneScreenshot(page, "54-kit-report");
    });

    await step("a campaign's page reads whole at 360 px: its kits as cards, every series named", async () => {
      const page = editor.page;
      await page.goto(`${baseUrl}/campaigns`);
      const first = page.locator('#main a[href^="/campaigns/"]').first();
      await first.click();
      await page.waitForURL(/\/campaigns\/[^/]+$/);
      const kits = page.getByTestId("campaign-kits");
      await kits.waitFor();
      assert.equal(await kits.locator("table").count(), 0, "no table to clip on a phone");
      for (const card of await kits.locator("[data-row]").all()) {
        const box = await card.boundingBox();
        assert.ok(
          box && box.x >= 0 && box.x + box.width <= 360,
          `a kit card fits the screen: ${JSON.stringify(box)}`,
        );
      }
      // The chart's legend wraps rather than pages: each series is named on screen.
      await page.getByTestId("day-chart").locator("canvas").waitFor();
      const legend = page.getByTestId("day-chart-legend");
      const items = await legend.locator(":scope > div").all();
      assert.equal(items.length, 3, "clicks, previews and shares");
      for (const item of items) {
        const box = await item.boundingBox();
        const name = await item.innerText();
        assert.ok(
          name.trim() && box && box.x + box.width <= 360,
          `${name} is named whole: ${JSON.stringify(box)}`,
        );
      }
      await phoneScreenshot(page, "55-campaign");
    });
  } finally {
    await editor.close();
    await member.close();
  }
});

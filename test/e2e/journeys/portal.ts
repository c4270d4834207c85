import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { baseUrl, phonePage, phoneScreenshot, stepsOf } from "../harness.ts";

// The demo province's portal as a citizen sees it on a phone (360 px) and a laptop (1366 px): an
// official site with the emblem and name, a lead article with its picture, the official channels,
// the portal of Tân Trào below it and the footer's contact details; axe-core finds nothing at all.

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Every axe-core violation on the page, whatever its impact: the public pages have none. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const found = await axe.run(document, { resultTypes: ["violations"] });
    return found.violations.map((v) => `${v.id} on ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** Scrolls to the bottom and back, so the pictures loaded on approach are in the screenshot. */
async function scrollThrough(page: Page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    window.scrollTo(0, 0);
  });
}

test("a citizen finds the province's portal is an official site, on a phone and a laptop", async (t) => {
  // The portal's CSP allows no inline script; axe-core is injected from outside it.
  const phone = await phonePage({ bypassCSP: true });
  const laptop = await phonePage({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
  const step = stepsOf(t, () => [phone.page, laptop.page]);
  try {
    await step(
      "the home shows the emblem, name, lead article with its picture, channels and sub-units",
      async () => {
        const page = phone.page;
        await page.goto(`${baseUrl}/u/TQ`);
        await assert.doesNotReject(page.locator("header svg.emblem").waitFor());
        assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Tỉnh Tuyên Quang");
        const lead = page.locator("article.lead img");
        assert.ok(await lead.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
        assert.match((await lead.getAttribute("alt")) ?? "", /^Hình minh họa: /);
        const follow = page.getByRole("link", { name: /^Theo dõi: Trang Facebook “Thông tin Tuyên Quang”/ });
        assert.equal(await follow.getAttribute("href"), "https://www.facebook.com/tuyenquangthongtindemo");
        await page.getByRole("link", { name: "Xã Tân Trào" }).waitFor();
        const footer = await page.locator("footer").innerText();
        assert.match(footer, /Chịu trách nhiệm nội dung: .+ – Chánh Văn phòng/);
        assert.match(footer, /Điện thoại: 0207 3999 000/);
        // Every topic in the header is on screen: the bar wraps rather than cutting one off at the edge.
        const topics = await page.locator("nav.topics a").all();
        assert.ok(topics.length > 2, "the header lists topics");
        for (const topic of topics) {
          const box = await topic.boundingBox();
          assert.ok(
            box && box.x >= 0 && box.x + box.width <= 360,
            `${await topic.innerText()} is whole on screen`,
          );
        }
        await page.locator("header").screenshot({ path: ".test-artifacts/e2e/90-portal-header.png" });
        await scrollThrough(page);
        await phoneScreenshot(page, "90-portal-home");
        assert.deepEqual(await violations(page), []);
      },
    );

    await step("an article, a topic and the commune's portal have no accessibility fault", async () => {
      const page = phone.page;
      await page.goto(`${baseUrl}/u/TQ`);
      await page.locator("article.lead a").click();
      await page.locator("figure.cover img").waitFor();
      await phoneScreenshot(page, "91-portal-article");
      assert.deepEqual(await violations(page), []);
      await page.locator("nav.topics a").nth(1).click();
      await page.getByRole("heading", { level: 1, name: /^Chủ đề: / }).waitFor();
      assert.deepEqual(await violations(page), []);
      await page.goto(`${baseUrl}/u/TQ`);
      await page.getByRole("link", { name: "Xã Tân Trào" }).click();
      assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Xã Tân Trào");
      await phoneScreenshot(page, "92-portal-commune");
      assert.deepEqual(await violations(page), []);
    });

    await step("on a laptop the channels, sub-units and topics sit beside the news", async () => {
      const page = laptop.page;
      await page.goto(`${baseUrl}/u/TQ`);
      const news = await page.locator("article.lead").boundingBox();
      const aside = await page.locator("aside").boundingBox();
      assert.ok(news && aside && aside.x > news.x + news.width, "the side column is beside the news");
      await scrollThrough(page);
      await page.screenshot({ path: ".test-artifacts/e2e/93-portal-home-1366.png", fullPage: true });
      assert.deepEqual(await violations(page), []);
    });
  } finally {
    await phone.close();
    await laptop.close();
  }
});

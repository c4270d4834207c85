import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { eventually, StopWaiting } from "../../helpers/eventually.ts";
import {
  adminEmail,
  adminPassword,
  baseUrl,
  demoPassword,
  graph,
  phonePage,
  phoneScreenshot,
  signedInPhone,
  stepsOf,
} from "../harness.ts";

// Publishing: written once, approved, scheduled a minute ahead, out on the portal and Facebook.

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
        await page.getByTestId("approve-confirm").click();
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
      await eventually(
        async () => {
          const post = await (
            await page.request.get(`${baseUrl}/api/posts/${postUrl.split("/").pop()}`)
          ).json();
          const statuses: string[] = post.variants.map((variant: { status: string }) => variant.status);
          if (statuses.includes("failed")) {
            throw new StopWaiting(`a variant failed: ${JSON.stringify(post.variants)}`);
          }
          assert.ok(
            statuses.every((status) => status === "published"),
            `not published yet: ${statuses.join(", ")}`,
          );
          return true;
        },
        { what: "every variant to be published", timeoutMs: 180_000, intervalMs: 1000 },
      );
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

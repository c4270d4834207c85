import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import {
  adminEmail,
  adminPassword,
  baseUrl,
  demoPassword,
  phonePage,
  phoneScreenshot,
  signedInPhone,
  stepsOf,
} from "../harness.ts";

// A home for each role: where each demo account lands after signing in, and what its menu offers.

const staffTools = ["Đơn vị", "Kênh chính thức", "Thư viện ảnh, video"];

/** The labels of the main menu, opened on the phone. */
async function menuLabels(page: Page): Promise<string[]> {
  await page.getByRole("button", { name: "Mở menu" }).click();
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await nav.getByRole("link", { name: "Trang chủ" }).waitFor();
  const labels = (await nav.getByRole("link").allInnerTexts()).map((text) => text.trim());
  return labels;
}

async function homeLink(page: Page): Promise<string | null> {
  return page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Trang chủ" })
    .getAttribute("href");
}

test("each role lands on its own home, with a menu of what it can use", async (t) => {
  const step = stepsOf(t);

  await step("the frame paints at once while the session is still on its way", async () => {
    const phone = await phonePage();
    try {
      // A slow network: the session answers after two seconds.
      await phone.page.route("**/api/auth/session", async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        await route.continue();
      });
      await phone.page.goto(`${baseUrl}/desk`, { waitUntil: "commit" });
      await phone.page.getByText("Cầu Nối").first().waitFor();
      await phone.page.getByRole("status").getByText("Đang tải…").first().waitFor();
      await phoneScreenshot(phone.page, "60-home-loading", false);
      // Then, without a session, on to sign in.
      await phone.page.waitForURL(/\/sign-in/);
    } finally {
      await phone.close();
    }
  });

  await step("a member lands on the share feed and is offered only their own pages", async () => {
    const member = await signedInPhone("hoa.mathi@tuyenquang.caunoi.example", demoPassword);
    try {
      const { page } = member;
      await page.waitForURL(/\/share$/);
      await page.getByRole("heading", { name: "Chia sẻ tin", exact: true }).waitFor();
      await phoneScreenshot(page, "61-member-home");
      await page.getByRole("link", { name: "Kê khai tài khoản mạng xã hội" }).click();
      await page.waitForURL(/\/my-accounts$/);
      const labels = await menuLabels(page);
      for (const tool of staffTools) {
        assert.ok(!labels.includes(tool), `a member's menu offers “${tool}”: ${labels.join(", ")}`);
      }
      assert.ok(labels.includes("Kê khai tài khoản mạng xã hội"));
      assert.equal(await homeLink(page), "/share");
      await phoneScreenshot(page, "62-member-menu", false);
      // No API tokens for a member.
      await page.goto(`${baseUrl}/profile`);
      await page.getByRole("heading", { name: "Hồ sơ của tôi" }).waitFor();
      assert.equal(await page.getByTestId("profile-advanced").count(), 0);
      assert.equal(await page.getByText(/mã truy cập API/i).count(), 0);
      // The staff's pages refuse a member who types their address.
      await page.goto(`${baseUrl}/units`);
      await page.getByText("Bạn chưa có quyền xem trang này").waitFor();
    } finally {
      await member.close();
    }
  });

  await step("a member who reads English keeps it between the share feed and the app's pages", async () => {
    const member = await signedInPhone("hoa.mathi@tuyenquang.caunoi.example", demoPassword);
    try {
      const { page } = member;
      await page.waitForURL(/\/share$/);
      await page.getByRole("link", { name: "English", exact: true }).click();
      await page.getByRole("heading", { name: "Share news", exact: true }).waitFor();
      // The app remembers the choice made on the server's page…
      await page.getByRole("link", { name: "Social media declarations" }).click();
      await page.getByRole("heading", { name: "Social media declarations", exact: true }).waitFor();
      // …and its menu opens the server's page in the same language.
      await page.getByRole("button", { name: "Open menu" }).click();
      await page
        .getByRole("navigation", { name: "Main navigation" })
        .getByRole("link", { name: "Home" })
        .click();
      await page.waitForURL(/\/share\?lang=en$/);
      await page.getByRole("heading", { name: "Share news", exact: true }).waitFor();
      await phoneScreenshot(page, "61b-member-home-english");
    } finally {
      await member.close();
    }
  });

  await step("an administrator reading English sees the units page whole on a phone", async () => {
    const admin = await signedInPhone(adminEmail, adminPassword);
    try {
      const { page } = admin;
      await page.getByRole("banner").getByText("EN", { exact: true }).click();
      await page.getByRole("button", { name: "Open menu" }).waitFor();
      await page.goto(`${baseUrl}/units`);
      // The longer English label of the page's action wraps instead of running past the edge.
      await page.getByRole("button", { name: "View the organisation chart on a date" }).waitFor();
      await phoneScreenshot(page, "61c-units-english");
    } finally {
      await admin.close();
    }
  });

  await step("an editor lands on the desk with each list, its count and its state", async () => {
    const editor = await signedInPhone("trang.lethu@tuyenquang.caunoi.example", demoPassword);
    try {
      const { page } = editor;
      await page.waitForURL(/\/desk$/);
      await page.getByRole("heading", { name: "Bàn làm việc" }).waitFor();
      for (const [id, title] of [
        ["desk-failed", "Đăng không thành công"],
        ["desk-rejected", "Bị trả lại"],
        ["desk-scheduledToday", "Hẹn giờ đăng hôm nay"],
        ["desk-inReview", "Đang chờ duyệt"],
        ["desk-drafts", "Bản nháp"],
      ] as const) {
        const section = page.getByTestId(id);
        await section.getByRole("heading", { name: title }).waitFor();
        await section.getByTestId("desk-count").waitFor();
      }
      // Every count shows a list or says plainly that there is nothing.
      for (const id of [
        "desk-failed",
        "desk-rejected",
        "desk-scheduledToday",
        "desk-inReview",
        "desk-drafts",
      ]) {
        const section = page.getByTestId(id);
        const count = Number(await section.getByTestId("desk-count").textContent());
        const items = await section.getByTestId("desk-item").count();
        assert.ok(
          count === 0 ? items === 0 : items > 0 && items <= Math.min(count, 5),
          `${id}: ${count} / ${items}`,
        );
      }
      await phoneScreenshot(page, "63-editor-desk");
      // The demo has drafts: one opens its post.
      const draft = page.getByTestId("desk-drafts").getByTestId("desk-item").first();
      if ((await draft.count()) > 0) {
        const href = (await draft.getByRole("link").getAttribute("href")) ?? "";
        await draft.getByRole("link").click();
        await page.waitForURL((url) => url.pathname === href);
        assert.match(href, /^\/posts\/[0-9a-f-]{36}$/);
        await page.goBack();
        await page.waitForURL(/\/desk$/);
      }
      const labels = await menuLabels(page);
      assert.equal(await homeLink(page), "/desk");
      assert.ok(labels.includes("Bài viết"));
      await page
        .getByRole("navigation", { name: "Điều hướng chính" })
        .getByRole("link", { name: "Hồ sơ của tôi" })
        .click();
      // API tokens sit under “Nâng cao”, folded.
      const advanced = page.getByTestId("profile-advanced");
      await advanced.getByRole("button", { name: /Nâng cao/ }).click();
      await advanced.getByRole("heading", { name: "Mã truy cập API" }).waitFor();
      await phoneScreenshot(page, "64-editor-profile-advanced");
    } finally {
      await editor.close();
    }
  });

  await step("an approver lands on the posts waiting for them", async () => {
    const approver = await signedInPhone("binh.trieuvan@tuyenquang.caunoi.example", demoPassword);
    try {
      await approver.page.waitForURL(/\/approvals$/);
      await menuLabels(approver.page);
      assert.equal(await homeLink(approver.page), "/approvals");
      // The queue is their home: listed once, as "Trang chủ" (with the queue's count when posts wait).
      const toQueue = approver.page
        .getByRole("navigation", { name: "Điều hướng chính" })
        .locator('a[href="/approvals"]');
      assert.equal(await toQueue.count(), 1);
      await phoneScreenshot(approver.page, "65-approver-home", false);
    } finally {
      await approver.close();
    }
  });

  await step("a checker lands on the verification desk's queue", async () => {
    const checker = await signedInPhone("khanh.phamquoc@tuyenquang.caunoi.example", demoPassword);
    try {
      const { page } = checker;
      await page.waitForURL(/\/verification$/);
      await page.getByRole("heading", { name: "Xác minh tin", exact: true }).waitFor();
      await phoneScreenshot(page, "68-checker-home");
      const labels = await menuLabels(page);
      assert.equal(await homeLink(page), "/verification");
      // The queue is their home: listed once, as "Trang chủ".
      const toQueue = page
        .getByRole("navigation", { name: "Điều hướng chính" })
        .locator('a[href="/verification"]');
      assert.equal(await toQueue.count(), 1);
      assert.ok(labels.includes("Kênh chính thức"), "a checker compares pages with the registry");
    } finally {
      await checker.close();
    }
  });

  await step("a declaration reviewer lands on the declarations, with no registry or library", async () => {
    const reviewer = await signedInPhone("tuan.dinhvan@tuyenquang.caunoi.example", demoPassword);
    try {
      const { page } = reviewer;
      await page.waitForURL(/\/declarations$/);
      const labels = await menuLabels(page);
      assert.equal(await homeLink(page), "/declarations");
      for (const tool of ["Kênh chính thức", "Thư viện ảnh, video"]) {
        assert.ok(
          !labels.includes(tool),
          `a declaration reviewer's menu offers “${tool}”: ${labels.join(", ")}`,
        );
      }
      await phoneScreenshot(page, "69-reviewer-menu", false);
    } finally {
      await reviewer.close();
    }
  });

  await step("an administrator lands on an overview whose figures lead to their lists", async () => {
    const admin = await phonePage();
    try {
      const { page } = admin;
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByRole("textbox", { name: /^E-mail/ }).fill(adminEmail);
      await page.getByLabel(/^Mật khẩu/).fill(adminPassword);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.waitForURL(/\/overview$/);
      await page.getByRole("heading", { name: "Tổng quan" }).waitFor();
      const figure = async (key: string) => {
        const card = page.getByTestId(`overview-${key}`);
        await card.and(page.locator("[data-value]:not([data-value=''])")).waitFor();
        return Number(await card.getAttribute("data-value"));
      };
      assert.ok((await figure("units")) > 10, "the demo province has units");
      assert.ok((await figure("people")) > 10, "the demo province has people");
      for (const key of ["channels", "channelsLost", "declarationRequests", "publishingFailures"]) {
        assert.ok((await figure(key)) >= 0);
      }
      await phoneScreenshot(page, "66-admin-overview");
      await page.getByTestId("overview-publishingFailures").click();
      await page.waitForURL(/\/posts\?status=failed$/);
      await page.goBack();
      await page.getByTestId("overview-people").click();
      await page.waitForURL(/\/people\?status=active$/);
      const labels = await menuLabels(page);
      for (const tool of staffTools) {
        assert.ok(labels.includes(tool), `an administrator's menu lacks “${tool}”`);
      }
      assert.equal(await homeLink(page), "/overview");
    } finally {
      await admin.close();
    }
  });

  await step("a commune administrator's overview counts their commune only", async () => {
    const admin = await signedInPhone("hai.hoangvan@tuyenquang.caunoi.example", demoPassword);
    try {
      await admin.page.waitForURL(/\/overview$/);
      const card = admin.page.getByTestId("overview-units");
      await card.and(admin.page.locator("[data-value]:not([data-value=''])")).waitFor();
      const units = Number(await card.getAttribute("data-value"));
      assert.ok(units >= 1 && units < 20, `a commune has a few units, not ${units}`);
      await phoneScreenshot(admin.page, "67-commune-admin-overview");
    } finally {
      await admin.close();
    }
  });
});

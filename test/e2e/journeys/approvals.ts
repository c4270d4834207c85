import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { eventually } from "../../helpers/eventually.ts";
import { baseUrl, demoPassword, phoneScreenshot, signedInPhone, stepsOf } from "../harness.ts";

// Approval that people notice: the approver is told and finds the post in their queue, approves it
// with a comment after confirming, and the editor is told the decision.

const editorEmail = "trang.lethu@tuyenquang.caunoi.example";
const approverEmail = "binh.trieuvan@tuyenquang.caunoi.example";

async function countOf(page: Page, testId: string): Promise<number> {
  const value = await page.getByTestId(testId).first().getAttribute("data-count");
  return Number(value ?? 0);
}

async function approvalCount(page: Page): Promise<number> {
  return (await (await page.request.get(`${baseUrl}/api/approvals/count`)).json()).count;
}

test("an editor sends a post for approval; the approver is told, approves it with a comment, and the editor is told", async (t) => {
  const editor = await signedInPhone(editorEmail, demoPassword);
  const approver = await signedInPhone(approverEmail, demoPassword);
  const step = stepsOf(t, () => [editor.page, approver.page]);
  for (const { page } of [editor, approver]) {
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    page.on("requestfailed", (request) => console.error(`request failed: ${request.url()}`));
  }
  const title = `Lịch tiếp công dân tháng 12 ${Date.now().toString(36)}`;
  const comment = "Nội dung đúng, đồng ý đăng sáng thứ Hai.";
  let postUrl = "";
  let waitingBefore = 0;
  try {
    await step("the editor writes a post for the province's website and sends it for approval", async () => {
      waitingBefore = await approvalCount(approver.page);
      const page = editor.page;
      await page.goto(`${baseUrl}/posts/new`);
      await page.getByTestId("post-channel").first().waitFor();
      await page.getByTestId("post-title").fill(title);
      const body = page.getByTestId("post-body");
      await body.fill("Lãnh đạo tỉnh tiếp công dân định kỳ vào sáng thứ Năm hằng tuần.");
      await page.getByTestId("post-channel").and(page.locator('[data-platform="website"]')).check();
      await page.getByTestId("post-save").click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      postUrl = page.url();
      await page.getByTestId("variant-submit").click();
      await page.locator('[data-testid="variant-panel"][data-status="in_review"]').waitFor();
      // The editor sees who may approve it now, by name.
      const next = page.getByTestId("variant-next-approval");
      await next.waitFor();
      assert.match(await next.innerText(), /Người có quyền duyệt/);
      const post = await (await page.request.get(`${baseUrl}/api/posts/${postUrl.split("/").pop()}`)).json();
      const approvers = post.variants[0].nextApproval.people.map(
        (person: { fullName: string }) => person.fullName,
      );
      assert.ok(approvers.includes("Triệu Văn Bình"), approvers.join(", "));
      assert.match(await next.innerText(), new RegExp(approvers[0]));
      await next.scrollIntoViewIfNeeded();
      await phoneScreenshot(page, "50-approval-who-approves");
    });

    await step("the approver sees the count in the menu and the post in their queue", async () => {
      const page = approver.page;
      await page.goto(`${baseUrl}/approvals`);
      await page.getByRole("heading", { name: "Chờ tôi duyệt" }).waitFor();
      const row = page.getByTestId("approval-item").filter({ hasText: title });
      await row.waitFor();
      assert.match(await row.innerText(), /Lê Thu Trang/);
      await phoneScreenshot(page, "51-approval-queue");
      await page.getByRole("button", { name: "Mở menu" }).click();
      const badge = page.getByTestId("approvals-count");
      await badge.waitFor();
      assert.equal(await countOf(page, "approvals-count"), waitingBefore + 1);
      await phoneScreenshot(page, "52-approval-menu-count", false);
      await page.getByRole("button", { name: "Đóng menu" }).click();
    });

    await step("the approver's bell shows the notification, which leads to the post", async () => {
      const page = approver.page;
      await eventually(async () => (await countOf(page, "notification-count")) > 0, {
        what: "the bell to count the new notification",
      });
      await page.getByTestId("notification-bell").click();
      await page.waitForURL(/\/notifications$/);
      const notice = page.getByTestId("notification-item").filter({ hasText: `Chờ bạn duyệt: “${title}”` });
      await notice.waitFor();
      assert.equal(await notice.getAttribute("data-unread"), "true");
      assert.match(await notice.innerText(), /Trang tin/);
      assert.doesNotMatch(await notice.innerText(), /portal|website|in_review/);
      await phoneScreenshot(page, "53-approval-notification");
      await notice.getByRole("link").click();
      await page.waitForURL(postUrl);
    });

    await step("approving asks for confirmation and takes a comment", async () => {
      const page = approver.page;
      await page.getByTestId("variant-approve").click();
      const dialog = page.getByTestId("approve-dialog");
      await dialog.waitFor();
      // The channel is named with its platform.
      await dialog
        .getByText(
          /^Bạn duyệt bản đăng trên Trang tin( “.+”)?\? Sau khi duyệt, biên tập viên có thể hẹn giờ đăng\.$/,
        )
        .waitFor();
      // Nothing is approved before the approver confirms.
      assert.equal(await page.getByTestId("variant-panel").getAttribute("data-status"), "in_review");
      await page.getByTestId("approve-comment").fill(comment);
      await phoneScreenshot(page, "54-approval-confirm", false);
      await page.getByTestId("approve-confirm").click();
      await page.locator('[data-testid="variant-panel"][data-status="approved"]').waitFor();
      assert.equal(await approvalCount(page), waitingBefore);
    });

    await step("the editor is told of the approval, with the comment", async () => {
      const page = editor.page;
      await page.goto(`${baseUrl}/notifications`);
      const notice = page.getByTestId("notification-item").filter({ hasText: `Đã duyệt: “${title}”` });
      await notice.waitFor();
      assert.match(await notice.innerText(), new RegExp(comment));
      assert.match(await notice.innerText(), /Triệu Văn Bình/);
      await phoneScreenshot(page, "55-approval-decision-notice");
      await page.getByTestId("notifications-read-all").click();
      await eventually(async () => (await countOf(page, "notification-count")) === 0, {
        what: "the bell to show nothing unread",
      });
      await page.goto(postUrl);
      await page.locator('[data-testid="variant-panel"][data-status="approved"]').waitFor();
      // The comment is shown with the approval it came with, under "Lượt duyệt".
      await page.getByTestId("variant-approvals").getByText(`Ý kiến: ${comment}`).waitFor();
      await page.getByTestId("variant-history-toggle").click();
      await page.getByTestId("variant-history").getByText(`Ý kiến: ${comment}`).waitFor();
    });
  } finally {
    await editor.close();
    await approver.close();
  }
});

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  adminEmail,
  adminPassword,
  baseUrl,
  demoPassword,
  graph,
  phoneScreenshot,
  signedInPhone,
  stepsOf,
} from "../harness.ts";

// Connecting a page: an administrator finds a fanpage that needs connecting on their overview,
// pastes its Page token on the channel's page, sees the state and expiry, and tests it against
// (a local stand-in for) the Graph API; then reconnects it by signing in to (a stand-in for) Facebook.

test("an administrator connects a Facebook Page by pasting its token, sees when it expires and tests it", async (t) => {
  const admin = await signedInPhone(adminEmail, adminPassword);
  const page = admin.page;
  const step = stepsOf(t, () => [page]);
  /** The demo fanpage chosen from the overview's list (the first Facebook Page on it). */
  let channelName = "";
  try {
    await step("the overview lists the fanpage among the channels to connect", async () => {
      // Where the administrator lands is the homes journey's concern; earlier journeys may have given them other roles.
      await page.goto(`${baseUrl}/overview`);
      const card = page.getByTestId("needs-connection-card");
      await card.getByRole("heading", { name: "Kênh cần kết nối" }).waitFor();
      await card.getByTestId("needs-connection-item").first().waitFor();
      const item = card.getByTestId("needs-connection-item").filter({ hasText: "Trang Facebook" }).first();
      channelName = ((await item.getByRole("link").textContent()) ?? "").trim();
      assert.ok(channelName, "a fanpage of the demo needs connecting");
      assert.equal(await item.getByTestId("connection-state").textContent(), "Chưa kết nối");
      await card.scrollIntoViewIfNeeded();
      await phoneScreenshot(page, "90-overview-channels-to-connect");
      await item.getByRole("link", { name: channelName, exact: true }).click();
    });

    await step("the channel's page says it is not connected and why that matters", async () => {
      const card = page.getByTestId("connection-card");
      await card.getByRole("heading", { name: "Kết nối để đăng bài tự động" }).waitFor();
      await card.getByText("Bản đăng lên kênh này chỉ đăng thủ công được.", { exact: false }).waitFor();
      assert.equal(await card.getByTestId("connection-state").getAttribute("data-state"), "not_connected");
      await card.scrollIntoViewIfNeeded();
      await phoneScreenshot(page, "91-channel-not-connected");
    });

    await step(
      "pasting a wrong token is refused in words, then the right one connects the page",
      async () => {
        await page.getByTestId("connection-connect").click();
        const dialog = page.getByRole("dialog", { name: `Kết nối “${channelName}”` });
        // The technical way is said to be one, in plain words first.
        await dialog.getByText(/^Dành cho cán bộ kỹ thuật: mã truy cập là .*Graph API Explorer/).waitFor();
        // Both fields are needed: the form names the first one missing.
        await dialog.getByRole("button", { name: "Lưu và kết nối" }).click();
        await dialog.getByText("Vui lòng nhập mã tài khoản.").first().waitFor();
        await dialog.getByRole("textbox", { name: /^Mã Trang/ }).fill(graph.pageId);
        await dialog.getByLabel(/^Mã truy cập/).fill("EAAkhongphaimathat");
        await dialog.getByRole("button", { name: "Lưu và kết nối" }).click();
        await dialog.getByText("Facebook không nhận mã truy cập này", { exact: false }).waitFor();
        await phoneScreenshot(page, "92-connect-dialog-refused", false);

        await dialog.getByLabel(/^Mã truy cập/).fill(graph.token);
        await dialog.getByRole("button", { name: "Lưu và kết nối" }).click();
        await page.getByText(`Đã kết nối kênh “${channelName}”.`).waitFor();
        await dialog.waitFor({ state: "hidden" });
      },
    );

    await step("the card shows the page connected, with the expiry Facebook gave the token", async () => {
      const card = page.getByTestId("connection-card");
      await card.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
      assert.equal(await card.getByTestId("connection-state").textContent(), "Đã kết nối");
      // dd/mm/yyyy hh:mm in Vietnam time, the day the fake Graph API says the token ends.
      const expiry = graph.tokenExpiresAt;
      const vietnam = new Date(expiry.getTime() + 7 * 3_600_000);
      const day = `${String(vietnam.getUTCDate()).padStart(2, "0")}/${String(vietnam.getUTCMonth() + 1).padStart(2, "0")}/${vietnam.getUTCFullYear()}`;
      assert.match((await card.getByTestId("connection-expires").textContent()) ?? "", new RegExp(day));
      assert.equal(await card.getByText(graph.pageId, { exact: true }).count(), 1);
      // The token is never shown again.
      assert.equal(await page.getByText(graph.token).count(), 0);
    });

    await step("testing the connection asks Facebook whose token it is and says so in words", async () => {
      const asked = graph.received.filter((request) => request.path.endsWith("/me")).length;
      await page.getByTestId("connection-test").click();
      const result = page.getByTestId("connection-test-result");
      await result.waitFor();
      assert.equal(await result.getAttribute("data-result"), "ok");
      assert.match(
        (await result.textContent()) ?? "",
        new RegExp(`Kết nối hoạt động: nền tảng xác nhận mã truy cập thuộc về “${graph.pageName}”`),
      );
      assert.equal(graph.received.filter((request) => request.path.endsWith("/me")).length, asked + 1);
      await page.getByTestId("connection-card").scrollIntoViewIfNeeded();
      await phoneScreenshot(page, "93-channel-connected-tested");
    });

    await step(
      "reconnecting with Facebook: the dialog, then back on the channel's page, said once",
      async () => {
        const card = page.getByTestId("connection-card");
        const button = card.getByTestId("connection-sign-in");
        assert.equal(await button.textContent(), "Kết nối bằng Facebook");
        await card.getByText("Bạn sẽ đăng nhập Facebook và chọn Trang cần kết nối.").waitFor();
        assert.equal(await card.getByTestId("connection-connect").textContent(), "Dán mã truy cập");
        await card
          .getByText(/^Dành cho cán bộ kỹ thuật: cũng có thể kết nối bằng cách dán mã truy cập/)
          .waitFor();
        await card.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "93a-channel-sign-in-button");
        const channelPage = page.url();
        const exchanged = graph.received.filter((r) => r.path.endsWith("/oauth/access_token")).length;
        graph.login.decide("approve");
        await button.click();
        const result = card.locator('[data-testid="connection-flow-result"][data-reason="ok"]');
        await result.waitFor();
        assert.match((await result.textContent()) ?? "", /Đã kết nối kênh\./);
        // The outcome leaves the address at once, so a reload does not say it again.
        assert.equal(page.url(), channelPage);
        assert.equal(
          graph.received.filter((r) => r.path.endsWith("/oauth/access_token")).length,
          exchanged + 2,
        );
        assert.equal(await card.getByTestId("connection-state").getAttribute("data-state"), "connected");
        assert.equal(await page.getByText(graph.token).count(), 0);
        await card.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "93b-channel-connected-with-facebook");
        await page.reload();
        await card.getByTestId("connection-sign-in").waitFor();
        assert.equal(await card.getByTestId("connection-flow-result").count(), 0);
      },
    );

    await step("refusing in Facebook's dialog brings the admin back with a clear word", async () => {
      const card = page.getByTestId("connection-card");
      graph.login.decide("deny");
      try {
        await card.getByTestId("connection-sign-in").click();
        const result = card.locator('[data-testid="connection-flow-result"][data-reason="denied"]');
        await result.waitFor();
        assert.match((await result.textContent()) ?? "", /Bạn đã không cho phép Cầu Nối truy cập/);
        await card.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "93c-channel-sign-in-denied");
      } finally {
        graph.login.decide("approve");
      }
      assert.equal(await card.getByTestId("connection-state").getAttribute("data-state"), "connected");
    });

    await step("the overview no longer lists the page", async () => {
      await page.goto(page.url().replace(/\/channels\/.*$/, "/overview"));
      const card = page.getByTestId("needs-connection-card");
      await card.getByTestId("needs-connection-item").first().waitFor();
      // Among the Facebook Pages: the demo's Zalo OA of the same unit bears the same name.
      const fanpages = card.getByTestId("needs-connection-item").filter({ hasText: "Trang Facebook" });
      assert.equal(await fanpages.getByRole("link", { name: channelName, exact: true }).count(), 0);
    });

    await step(
      "a post for a unit whose fanpage is not connected says so, and its variant cannot be scheduled",
      async () => {
        // A unit whose fanpage is still not connected: not the one connected above (which page that
        // was depends on what earlier journeys connected).
        const unit = channelName === "Xã Tân Trào" ? "Công an tỉnh Tuyên Quang" : "Xã Tân Trào";
        await page.goto(`${baseUrl}/posts/new`);
        await page.getByRole("heading", { name: "Viết bài mới" }).waitFor();
        const picker = page.getByTestId("post-unit");
        await picker.click();
        await picker.fill(unit);
        await page.getByRole("option", { name: new RegExp(`^${unit}`) }).click();
        const fanpage = page.getByTestId("post-channel").and(page.locator('[data-platform="facebook_page"]'));
        await fanpage.waitFor();
        await page.locator('[data-testid="post-channel"][data-connection="not_connected"]').first().waitFor();
        await fanpage.check();
        await page
          .getByText("Chưa kết nối – chỉ đăng thủ công được cho đến khi kênh được kết nối.")
          .waitFor();
        await page
          .getByTestId("post-title")
          .fill(`Cảnh báo giả danh công an gọi điện ${Date.now().toString(36)}`);
        const body = page.getByTestId("post-body");
        await body.click();
        await body.pressSequentially("Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền.");
        await fanpage.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "94-post-channel-not-connected");
        await page.getByTestId("post-save").click();
        await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
        const notice = page.getByTestId("variant-not-connected");
        await notice.waitFor();
        assert.equal(await notice.getAttribute("data-state"), "not_connected");
        assert.match((await notice.textContent()) ?? "", /chưa hẹn giờ đăng tự động được/);
        await notice.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "95-variant-not-connected");

        // Sent for approval, the approver's confirmation says what approval leads to on such a channel.
        const postUrl = page.url();
        await page.getByTestId("variant-submit").click();
        await page.locator('[data-testid="variant-panel"][data-status="in_review"]').waitFor();
        const approver = await signedInPhone("binh.trieuvan@tuyenquang.caunoi.example", demoPassword);
        try {
          await approver.page.goto(postUrl);
          await approver.page.getByTestId("variant-approve").click();
          const dialog = approver.page.getByTestId("approve-dialog");
          await dialog.getByText(/biên tập viên đăng thủ công rồi ghi nhận địa chỉ bài đã đăng/).waitFor();
          assert.doesNotMatch(await dialog.innerText(), /có thể hẹn giờ đăng/);
          // Mantine's opening transition (set from script, not a CSS animation) ends within 300 ms.
          await approver.page.waitForTimeout(300);
          await phoneScreenshot(approver.page, "96-approve-not-connected", false);
        } finally {
          await approver.close();
        }
      },
    );
  } finally {
    await admin.close();
  }
});

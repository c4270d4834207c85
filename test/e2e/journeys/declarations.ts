import assert from "node:assert/strict";
import { test } from "node:test";
import { baseUrl, communeAdmin, demoPassword, phoneScreenshot, signedInPhone, stepsOf } from "../harness.ts";

// Members' account declarations: a request to review them, answered from a phone.

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
      await a.getByRole("link", { name: "Yêu cầu rà soát kê khai", exact: true }).click();
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
      // The member's home, the share feed, says a review waits for them.
      await m.goto(`${baseUrl}/`);
      await m.waitForURL(/\/share$/);
      await m
        .getByTestId("feed-declarations-due")
        .getByText(/\d+ yêu cầu rà soát kê khai/)
        .waitFor();
      await m.getByRole("link", { name: "Rà soát kê khai" }).click();
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
        .getByText(/Quy định số 85-QĐ\/TW của Ban Bí thư/)
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

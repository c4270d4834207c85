import assert from "node:assert/strict";
import { test } from "node:test";
import { adminEmail, adminPassword, baseUrl, phoneScreenshot, signedInPhone, stepsOf } from "../harness.ts";

// Addresses a person may mistype or paste half of: each opens a page that speaks in words, never the
// server's JSON, and offers no retry where retrying cannot help.

test("a bad address opens a page in words, without raw JSON or a useless retry", async (t) => {
  const admin = await signedInPhone(adminEmail, adminPassword);
  const step = stepsOf(t, () => [admin.page]);
  const { page } = admin;

  /** The page's visible words, checked for what a reader must never see. */
  async function readable(name: string): Promise<string> {
    const text = await page.locator("body").innerText();
    assert.ok(!text.includes("{"), `${name}: the page shows raw JSON: ${text.slice(0, 200)}`);
    assert.ok(!/thử lại|try again/i.test(text), `${name}: offers a retry that cannot help`);
    await phoneScreenshot(page, name);
    return text;
  }

  try {
    await step("a NUL character in the people search is dropped and the list is searched", async () => {
      const list = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/people");
      await page.goto(`${baseUrl}/people?q=%00`);
      await page.getByRole("heading", { name: "Nhân sự", level: 1 }).waitFor();
      // The list is asked for without the character, and arrives instead of an error.
      assert.equal((await list).status(), 200);
      await page.waitForLoadState("networkidle");
      assert.equal(await page.getByRole("alert").count(), 0);
      // The box holds no unreadable character, and the address is written again without it.
      assert.equal(await page.getByPlaceholder("Tìm theo họ tên, e-mail, số điện thoại").inputValue(), "");
      await page.waitForURL((url) => !url.search.includes("%00"));
      await readable("bad-address-people-nul");
    });

    await step("a NUL character before a channel search searches for the rest", async () => {
      const list = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/channels");
      await page.goto(`${baseUrl}/channels?q=%00x`);
      await page.getByRole("heading", { name: "Kênh chính thức", level: 1 }).waitFor();
      const answer = await list;
      assert.equal(answer.status(), 200);
      assert.equal(new URL(answer.url()).searchParams.get("q"), "x");
      await page.waitForLoadState("networkidle");
      assert.equal(await page.getByRole("alert").count(), 0);
      assert.equal(await page.getByPlaceholder("Tìm theo tên kênh hoặc địa chỉ").inputValue(), "x");
      await page.waitForURL((url) => url.search === "?q=x");
      await readable("bad-address-channels-nul");
    });

    await step("a unit address whose id is not an id says it was not found, with a way home", async () => {
      await page.goto(`${baseUrl}/units/not-a-uuid`);
      const alert = page.getByRole("alert");
      await alert
        .getByText("Không tìm thấy nội dung này: có thể đã bị xóa, hoặc địa chỉ không đúng.")
        .waitFor();
      await alert.getByText("Không tìm thấy trang", { exact: true }).waitFor();
      assert.equal(await alert.getByRole("button", { name: "Thử lại" }).count(), 0);
      const text = await readable("bad-address-unit-not-an-id");
      assert.ok(!text.includes("không hợp lệ"), "a malformed id is not 'invalid data'");
      await alert.getByRole("link", { name: "Về trang chủ" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/units/"));
    });
  } finally {
    await admin.close();
  }
});

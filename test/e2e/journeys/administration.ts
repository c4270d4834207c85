import assert from "node:assert/strict";
import { test } from "node:test";
import {
  adminEmail,
  adminPassword,
  baseUrl,
  communeAdmin,
  demoPassword,
  page,
  screenshot,
  stepsOf,
} from "../harness.ts";

// An administrator on a phone: sign-in, units, a people import, the language, a commune's view.

const unitName = `Chi đoàn Thử nghiệm ${Date.now().toString(36)}`;

test("an administrator uses the app on a 360 px phone", async (t) => {
  const step = stepsOf(t);
  await step("the sign-in page is in Vietnamese by default", async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await screenshot("01-sign-in");
  });

  await step("signs in with e-mail and password", async () => {
    await page.getByRole("textbox", { name: /^E-mail/ }).fill(adminEmail);
    await page.getByLabel(/^Mật khẩu/).fill(adminPassword);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    // An administrator lands on the overview of their units; the unit tree is a figure away.
    await page.waitForURL(/\/overview$/);
    await page.getByTestId("overview-units").click();
    await page.waitForURL(/\/units$/);
    await page.getByRole("heading", { name: "Đơn vị", exact: true }).waitFor();
    await screenshot("02-units");
  });

  await step("creates a sub-unit under the top unit", async () => {
    const topUnit = page.locator('a[href^="/units/"]').first();
    const topName = (await topUnit.textContent()) ?? "";
    await topUnit.click();
    await page.getByRole("heading", { name: topName }).waitFor();
    await page.getByRole("button", { name: "Thêm đơn vị trực thuộc" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: /^Tên đơn vị/ }).fill(unitName);
    await dialog.getByRole("combobox", { name: /^Loại đơn vị/ }).click();
    await page.getByRole("option", { name: "Chi đoàn/Chi hội" }).click();
    await dialog.getByRole("button", { name: "Thêm đơn vị" }).click();
    await page.getByText(`Đã tạo đơn vị “${unitName}”.`).waitFor();
    await page.getByRole("link", { name: unitName }).waitFor();
    await dialog.waitFor({ state: "hidden" });
    await screenshot("03-unit-created");
  });

  await step("a role whose unit name wraps keeps its whole 'Thu hồi' button", async () => {
    await page.goto(`${baseUrl}/people?q=${encodeURIComponent("Lê Thu Trang")}`);
    await page.getByRole("button", { name: "Thao tác với Lê Thu Trang" }).first().click();
    await page.getByRole("menuitem", { name: "Vai trò" }).click();
    const dialog = page.getByRole("dialog");
    const revoke = dialog.getByRole("button", { name: /^Thu hồi vai trò/ });
    await revoke.first().waitFor();
    for (const button of await revoke.all()) {
      const cut = await button.evaluate((element) => {
        const label = element.querySelector(".mantine-Button-label") ?? element;
        return label.scrollWidth > label.clientWidth || element.scrollWidth > element.clientWidth;
      });
      assert.equal(cut, false, `${await button.getAttribute("aria-label")}: the button's word is cut`);
    }
    await screenshot("03b-roles-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  await step("a page past the end of the people list says so and leads to the last page", async () => {
    await page.goto(`${baseUrl}/people?page=9999`);
    const pastEnd = page.getByTestId("past-last-page");
    await pastEnd.getByText(/^Trang 9\.999 không còn mục nào: danh sách chỉ có \d+ trang\.$/).waitFor();
    // The list is not empty, so its "nobody yet" state must not show.
    assert.equal(await page.getByText("Danh sách chưa có nhân sự nào.").count(), 0);
    await screenshot("03c-people-past-the-end");
    await pastEnd.getByRole("button", { name: "Về trang cuối" }).click();
    await page.waitForURL(/\/people\?page=\d+$/);
    assert.notEqual(new URL(page.url()).searchParams.get("page"), "9999");
    await pastEnd.waitFor({ state: "detached" });
    await page
      .getByRole("button", { name: /^Thao tác với / })
      .first()
      .waitFor();
  });

  await step("a full name longer than 100 characters is refused in the form, naming the field", async () => {
    await page.getByRole("button", { name: "Thêm nhân sự" }).click();
    const dialog = page.getByRole("dialog", { name: "Thêm nhân sự" });
    const name = dialog.getByRole("textbox", { name: /^Họ và tên/ });
    await name.fill(`Nguyễn Thị ${"Ánh ".repeat(75)}🌸🌸`);
    const error = "Họ và tên dài 313 ký tự, quá mức tối đa 100 ký tự. Vui lòng rút gọn.";
    await dialog.getByText(error, { exact: true }).waitFor();
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.getByTestId("invalid-field-notice").getByText(error, { exact: true }).waitFor();
    assert.equal(await name.evaluate((element) => element === document.activeElement), true);
    await screenshot("03d-person-name-too-long");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  await step("previews an import file and shows the bad row with its number and reason", async () => {
    await page.getByRole("button", { name: "Mở menu" }).click();
    await page.getByRole("link", { name: "Nhập danh sách" }).click();
    await page.getByRole("heading", { name: "Nhập danh sách nhân sự" }).waitFor();

    const picker = page.getByRole("combobox", { name: /^Đơn vị nhận/ });
    await picker.click();
    await picker.fill(unitName);
    await page.getByRole("option", { name: new RegExp(unitName) }).click();

    const csv = [
      "Họ và tên,E-mail,Số điện thoại,Chức vụ,Mã đơn vị",
      "Nguyễn Văn An,an.nguyen.e2e@example.vn,0912345678,Bí thư chi đoàn,",
      "Trần Thị Bình,khong-phai-email,0987654321,Đoàn viên,",
      "Lê Văn Cường,cuong.le.e2e@example.vn,,Đoàn viên,",
    ].join("\r\n");
    await page.locator('input[type="file"]').setInputFiles({
      name: "danh-sach.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    const previewResponse = page.waitForResponse((response) =>
      response.url().endsWith("/api/people/import/preview"),
    );
    await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
    const preview = (await (await previewResponse).json()) as {
      totalRows: number;
      validRows: number;
      errors: { row: number; field: string; message: { vi: string; en: string } }[];
    };
    assert.equal(preview.totalRows, 3);
    assert.equal(preview.validRows, 2);
    assert.equal(preview.errors.length, 1);
    const [rowError] = preview.errors;
    assert.ok(rowError);
    // Spreadsheet numbering: the header is row 1, so the second person is row 3.
    assert.equal(rowError.row, 3);
    assert.equal(rowError.field, "email");

    const errorRow = page.getByTestId("import-errors").locator(`tr[data-row="${rowError.row}"]`);
    await errorRow.waitFor();
    const rowText = (await errorRow.innerText()).replace(/\s+/g, " ");
    assert.match(rowText, /^3 /, "the row number is shown first");
    assert.ok(rowText.includes(rowError.message.vi), `the reason is shown: ${rowText}`);
    assert.ok(rowText.includes("E-mail"), "the column is named");
    await screenshot("04-import-preview");

    await page.getByRole("button", { name: "Nhập 2 dòng hợp lệ" }).click();
    await page.getByText("Đã nhập 2 người (tệp có 3 dòng).").waitFor();
    await screenshot("05-import-done");
  });

  await step("switches the language to English", async () => {
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("heading", { name: "Import people" }).waitFor();
    await page.getByText("Imported 2 people (the file has 3 rows).").waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await page.evaluate(() => localStorage.getItem("caunoi.language")), "en");
    await screenshot("06-english");
  });

  await step("signs out and lands on the English sign-in page", async () => {
    await page.getByRole("button", { name: "Quản trị viên" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    const session = (await (await page.request.get(`${baseUrl}/api/auth/session`)).json()) as {
      authenticated: boolean;
    };
    assert.equal(session.authenticated, false);
    await screenshot("07-signed-out");
  });

  await step("a commune administrator sees only their commune", async () => {
    await page.getByRole("textbox", { name: /^E-mail/ }).fill(communeAdmin.email);
    await page.getByLabel(/^Password/).fill(demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/overview$/);
    await page.goto(`${baseUrl}/units`);
    const topLinks = page.locator('a[href^="/units/"]');
    await topLinks.first().waitFor();
    assert.equal((await topLinks.first().textContent())?.trim(), communeAdmin.unit);
    assert.equal(await page.getByRole("link", { name: communeAdmin.unit, exact: true }).count(), 1);
    assert.equal(await page.getByText("Tỉnh Tuyên Quang", { exact: true }).count(), 0);
    await screenshot("08-commune-admin");
  });
});

test("a client route opened directly gets the app's page", async () => {
  const response = await fetch(`${baseUrl}/reset-password?token=abc`, { headers: { accept: "text/html" } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-cache");
  const html = await response.text();
  assert.match(html, /<div id="root">/);
  // Phones on slow networks get the built assets compressed, and cache them for good (hashed names).
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? "";
  const asset = await fetch(`${baseUrl}${script}`, { headers: { "accept-encoding": "br" } });
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get("content-encoding"), "br");
  assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
});

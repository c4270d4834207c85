import assert from "node:assert/strict";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { adminEmail, adminPassword, baseUrl, phoneScreenshot, signedInPhone, stepsOf } from "../harness.ts";

// An administrator imports a file with errors (counted by row), takes the Excel template, and reads
// the audit log as sentences, with the object as a link and details as labelled fields.

const unitName = "Xã Tân Trào";

test("an administrator imports people, then reads what happened in the audit log", async (t) => {
  const { page, close } = await signedInPhone(adminEmail, adminPassword);
  const step = stepsOf(t, () => [page]);
  try {
    await step("a row with three errors counts as one row left out", async () => {
      await page.goto(`${baseUrl}/people/import`);
      await page.getByRole("heading", { name: "Nhập danh sách nhân sự" }).waitFor();
      const picker = page.getByRole("combobox", { name: /^Đơn vị nhận/ });
      await picker.click();
      await picker.fill(unitName);
      await page
        .getByRole("option", { name: new RegExp(`^${unitName}`) })
        .first()
        .click();
      const stamp = Date.now().toString(36);
      const csv = [
        "Họ và tên,E-mail,Số điện thoại,Chức vụ,Mã đơn vị",
        `Đặng Văn Hùng,hung.${stamp}@example.vn,0912000111,Đoàn viên,`,
        // Three errors on one row: e-mail, phone and a unit that does not exist.
        "Vũ Thị Lan,khong-phai-email,123,,KHONG-CO-DON-VI-NAY",
        `Bùi Văn Minh,minh.${stamp}@example.vn,0912000222,Hội viên,`,
        "Ngô Thị Nga,sai-email,,,",
        "Đỗ Văn Phúc,,12,,",
      ].join("\r\n");
      await page.locator('input[type="file"]').setInputFiles({
        name: "danh-sach-co-loi.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv, "utf8"),
      });
      await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
      const preview = page.getByTestId("import-preview");
      await preview.getByText("3 dòng", { exact: true }).waitFor();
      assert.equal(await page.getByTestId("import-errors").locator("tbody tr").count(), 5);
      await phoneScreenshot(page, "60-import-preview-rows");

      await page.getByRole("button", { name: "Nhập 2 dòng hợp lệ" }).click();
      await page.getByText("3 dòng bị bỏ qua do lỗi.").waitFor();
      await phoneScreenshot(page, "61-import-result");
    });

    await step("downloads the Excel template with the Vietnamese header", async () => {
      await page.getByRole("button", { name: "Nhập tệp khác" }).click();
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Tải tệp mẫu (Excel)" }).click();
      const file = await download;
      assert.equal(file.suggestedFilename(), "mau-nhap-nhan-su.xlsx");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await file.path()) as string);
      const header = workbook.worksheets[0]?.getRow(1).values as unknown[];
      assert.deepEqual(header.slice(1), ["Họ và tên", "E-mail", "Số điện thoại", "Chức vụ", "Mã đơn vị"]);
      assert.equal(workbook.worksheets[1]?.name, "Hướng dẫn");
    });

    await step("reads the audit log as sentences", async () => {
      // Reading a list of people is itself recorded (the server test checks that repeats fold by hour).
      const listed = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/people");
      await page.goto(`${baseUrl}/people`);
      await listed;
      await page.goto(`${baseUrl}/audit`);
      await page.getByRole("heading", { name: "Nhật ký hoạt động" }).waitFor();
      await page
        .getByText(/đã nhập 2 nhân sự từ tệp vào Xã Tân Trào/)
        .first()
        .waitFor();
      await page
        .getByText(/đã xem danh sách \d+ nhân sự/)
        .first()
        .waitFor();
      await phoneScreenshot(page, "62-audit-sentences", false);
    });

    await step("follows a person named in the log to the people list showing them", async () => {
      // Opening a person's record is recorded with the person as its object.
      const found = await page.request.get(
        `${baseUrl}/api/people?${new URLSearchParams({ q: "Đặng Văn Hùng" })}`,
      );
      const person = ((await found.json()) as { items: { id: string; fullName: string }[] }).items[0];
      assert.equal(person?.fullName, "Đặng Văn Hùng");
      assert.ok((await page.request.get(`${baseUrl}/api/people/${person.id}`)).ok());
      await page.goto(`${baseUrl}/audit`);
      const sentence = page.getByText(/đã xem hồ sơ nhân sự “Đặng Văn Hùng”/).first();
      await sentence.waitFor();
      const link = sentence.getByRole("link", { name: "“Đặng Văn Hùng”" });
      assert.equal(await link.getAttribute("href"), `/people?q=${encodeURIComponent("Đặng Văn Hùng")}`);
      await phoneScreenshot(page, "62-audit-person-link", false);
      await link.click();
      await page.waitForURL(/\/people\?q=/);
      await page.getByRole("heading", { name: "Nhân sự" }).first().waitFor();
      await page.getByText("Đặng Văn Hùng").first().waitFor();
      await page.goto(`${baseUrl}/audit`);
      await page.getByRole("heading", { name: "Nhật ký hoạt động" }).waitFor();
    });

    await step("filters by an action kind in words and shows details as fields", async () => {
      await page.getByRole("button", { name: /Bộ lọc/ }).click();
      const action = page
        .getByRole("textbox", { name: "Loại thao tác" })
        .or(page.getByRole("combobox", { name: "Loại thao tác" }));
      await action.first().click();
      await page.getByRole("option", { name: "Nhập danh sách nhân sự" }).click();
      await page
        .getByText(/đã nhập 2 nhân sự/)
        .first()
        .waitFor();
      // Several readers' list views may show until the filtered page arrives: wait until none is left.
      await page
        .getByText(/đã xem danh sách/)
        .first()
        .waitFor({ state: "hidden" });
      await page.getByRole("button", { name: "Xem chi tiết" }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("danh-sach-co-loi.csv").waitFor();
      await dialog.getByText("Số dòng bị bỏ qua").waitFor();
      assert.ok(!(await dialog.textContent())?.includes("{"), "no JSON in the details");
      await phoneScreenshot(page, "63-audit-details", false);
    });
  } finally {
    await close();
  }
});

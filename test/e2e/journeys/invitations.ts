import assert from "node:assert/strict";
import { test } from "node:test";
import { eventually } from "../../helpers/eventually.ts";
import { readableMail } from "../../helpers/smtp.ts";
import {
  adminEmail,
  adminPassword,
  baseUrl,
  phonePage,
  phoneScreenshot,
  signedInPhone,
  smtp,
  stepsOf,
} from "../harness.ts";

// An administrator adds a person and invites them; the letter arrives through a real SMTP server and
// its link lets the person set a password and sign in, once.

const stamp = Date.now().toString(36);
const fullName = `Vương Thị Mời ${stamp}`;
const email = `moi.e2e.${stamp}@example.vn`;
const newPassword = "mat-khau-loi-moi-2026";

test("an administrator invites a new person, who accepts through the mailed link", async (t) => {
  const admin = await signedInPhone(adminEmail, adminPassword);
  const invitee = await phonePage();
  const step = stepsOf(t, () => [admin.page, invitee.page]);
  let link = "";
  try {
    await step("adds a person with the invitation box ticked", async () => {
      const page = admin.page;
      await page.goto(`${baseUrl}/people`);
      await page.getByRole("button", { name: "Thêm nhân sự" }).click();
      const dialog = page.getByRole("dialog", { name: "Thêm nhân sự" });
      await dialog.getByRole("textbox", { name: /^Họ và tên/ }).fill(fullName);
      const picker = dialog.getByRole("combobox", { name: /^Đơn vị/ });
      await picker.click();
      await picker.fill("Tân Trào");
      await page
        .getByRole("option", { name: /^Xã Tân Trào/ })
        .first()
        .click();
      await dialog.getByRole("checkbox", { name: "Gửi lời mời qua e-mail" }).check();
      await dialog.getByRole("button", { name: "Lưu" }).click();
      // Without an e-mail the invitation cannot go anywhere: the box says so.
      await dialog.getByText("Vui lòng nhập e-mail để gửi lời mời.").waitFor();
      await dialog.getByRole("textbox", { name: /^E-mail/ }).fill(email);
      await phoneScreenshot(page, "invitations-01-add-person", false);
      await dialog.getByRole("button", { name: "Lưu" }).click();
      await page.getByText(`Đã thêm ${fullName} và gửi lời mời đến ${email}.`).waitFor();
      await dialog.waitFor({ state: "hidden" });
    });

    await step("the list shows the person as invited", async () => {
      const page = admin.page;
      await page.getByPlaceholder(/Tìm theo họ tên/).fill(stamp);
      const card = page.locator(".mantine-Card-root", { hasText: fullName });
      await card.locator('[data-account-state="invited"]').waitFor();
      await phoneScreenshot(page, "invitations-02-list-invited");
    });

    await step("the invitation arrives by SMTP, in its own words, with a link", async () => {
      const mail = await eventually(() => smtp.inbox.find((message) => message.to.includes(email)), {
        what: `the invitation to ${email}`,
      });
      const letter = readableMail(mail);
      assert.match(letter, new RegExp(`Kính gửi ${fullName},`));
      assert.match(letter, /đã mời bạn tham gia Cầu Nối với tư cách nhân sự của Xã Tân Trào/);
      assert.match(letter, /có hiệu lực đến \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
      link = /(http:\/\/127\.0\.0\.1:\d+\/moi\/[A-Za-z0-9_-]+)/.exec(letter)?.[1] ?? "";
      assert.ok(link.startsWith(baseUrl), `no link to ${baseUrl} in:\n${letter}`);
    });

    await step("the invited person sets a password from the link and is signed in", async () => {
      const page = invitee.page;
      await page.goto(link);
      await page.getByRole("heading", { name: "Nhận lời mời tham gia Cầu Nối" }).waitFor();
      await page.getByText(`Kính chào ${fullName}.`).waitFor();
      await phoneScreenshot(page, "invitations-03-accept");
      // Sent empty, the page takes them to the first field and names it.
      await page.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
      await page.getByTestId("invalid-field-notice").getByText("Vui lòng nhập mật khẩu mới.").waitFor();
      assert.match(
        await page.evaluate(
          () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? "",
        ),
        /^Mật khẩu mới/,
        "the new password has the focus",
      );
      await page.getByLabel(/^Mật khẩu mới/).fill(newPassword);
      await page.getByLabel(/^Nhập lại mật khẩu/).fill(newPassword);
      await page.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
      // Signed in, a new member lands on their share feed.
      await page.waitForURL(/\/share$/);
      await page.getByRole("heading", { name: "Chia sẻ tin" }).waitFor();
      await phoneScreenshot(page, "invitations-04-signed-in");
    });

    await step("the link works once: opened again, it says it was used", async () => {
      const again = await phonePage();
      try {
        await again.page.goto(link);
        await again.page
          .getByText("Liên kết mời này đã được dùng để đặt mật khẩu.", { exact: false })
          .waitFor();
        await phoneScreenshot(again.page, "invitations-05-used");
      } finally {
        await again.close();
      }
    });

    await step("the administrator now sees the person as signed in", async () => {
      const page = admin.page;
      await page.reload();
      await page.getByPlaceholder(/Tìm theo họ tên/).fill(stamp);
      const card = page.locator(".mantine-Card-root", { hasText: fullName });
      await card.locator('[data-account-state="active"]').waitFor();
    });

    await step("an import can invite every imported person with an e-mail", async () => {
      const page = admin.page;
      const importedEmail = `nhap.e2e.${stamp}@example.vn`;
      await page.goto(`${baseUrl}/people/import`);
      const picker = page.getByRole("combobox", { name: /^Đơn vị nhận/ });
      await picker.click();
      await picker.fill("Tân Trào");
      await page
        .getByRole("option", { name: /^Xã Tân Trào/ })
        .first()
        .click();
      const csv = [
        "Họ và tên,E-mail,Số điện thoại,Chức vụ,Mã đơn vị",
        `Đặng Văn Nhập ${stamp},${importedEmail},,Đoàn viên,`,
        `Lò Thị Không Thư ${stamp},,,Đoàn viên,`,
      ].join("\r\n");
      await page.locator('input[type="file"]').setInputFiles({
        name: "moi.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv, "utf8"),
      });
      await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
      await page.getByRole("checkbox", { name: /^Gửi lời mời qua e-mail cho mọi nhân sự/ }).check();
      await phoneScreenshot(page, "invitations-06-import-option");
      await page.getByRole("button", { name: "Nhập 2 dòng hợp lệ" }).click();
      await page.getByTestId("import-invitations").getByText("Đã gửi lời mời đến 1 nhân sự.").waitFor();
      await phoneScreenshot(page, "invitations-07-import-invited");
      await eventually(() => smtp.inbox.find((message) => message.to.includes(importedEmail)), {
        what: `the invitation to ${importedEmail}`,
      });
    });
  } finally {
    await admin.close();
    await invitee.close();
  }
});

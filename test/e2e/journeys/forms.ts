import assert from "node:assert/strict";
import { test } from "node:test";
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

// Forms on a phone whose browser speaks American English: a refused submit takes the person to the
// first field to fix and names it; dates are typed day first, as everywhere in Vietnam.

test("a refused form focuses and names its first missing field, and dates read dd/mm/yyyy on an English browser", async (t) => {
  const phone = await phonePage({ locale: "en-US" });
  const { page } = phone;
  const step = stepsOf(t, () => [page]);
  try {
    await step("the administrator opens a new declaration request and sends it empty", async () => {
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByRole("textbox", { name: /^E-mail/ }).fill(adminEmail);
      await page.getByLabel(/^Mật khẩu/).fill(adminPassword);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      await page.goto(`${baseUrl}/declarations/requests`);
      await page.locator("#main button").first().click();
      const dialog = page.getByRole("dialog");
      await dialog.locator('button[type="submit"]').click();
      await dialog.getByTestId("invalid-field-notice").waitFor();
      assert.equal(
        await dialog.getByTestId("invalid-field-notice").textContent(),
        "Vui lòng chọn đơn vị nhận yêu cầu (gồm cả đơn vị trực thuộc).",
      );
      const focused = await page.evaluate(
        () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? "",
      );
      assert.match(focused, /^Đơn vị nhận yêu cầu/, "the first missing field has the focus");
      // Each empty field says which it is, not a bare "Vui lòng điền mục này."
      await dialog.getByText("Vui lòng nhập hạn hoàn thành.", { exact: true }).waitFor();
      await dialog.getByRole("textbox", { name: /^Tiêu đề/ }).fill("");
      await dialog.getByText("Vui lòng nhập tiêu đề.", { exact: true }).waitFor();
    });

    await step("a past deadline typed in stays, and the field says what is wrong with it", async () => {
      const dialog = page.getByRole("dialog");
      const due = dialog.getByTestId("request-due");
      await due.fill("01/01/2020");
      await dialog.getByRole("textbox", { name: /^Tiêu đề/ }).click();
      assert.equal(await due.inputValue(), "01/01/2020", "the typed day is not emptied");
      await dialog.getByText("Hạn hoàn thành phải sau thời điểm hiện tại.", { exact: true }).waitFor();
      assert.equal(await dialog.getByText("Vui lòng nhập hạn hoàn thành.").count(), 0);
      assert.equal(await due.getAttribute("aria-invalid"), "true");
      await phoneScreenshot(page, "forms-past-deadline", false);
    });

    await step("a due date typed day first stays the 31st of December", async () => {
      const dialog = page.getByRole("dialog");
      const due = dialog.getByTestId("request-due");
      assert.equal(await due.getAttribute("placeholder"), "dd/mm/yyyy");
      await due.fill("31/12/2030");
      await dialog.getByRole("textbox", { name: /^Tiêu đề/ }).click();
      // Read month first (as an American browser's own date field would), 31/12 is no date and would be emptied.
      assert.equal(await due.inputValue(), "31/12/2030");
    });

    await step(
      "the offices, API token, two-step and password forms sent empty name their first field",
      async () => {
        const focusedName = () =>
          page.evaluate(() => {
            const field = document.activeElement as HTMLInputElement | null;
            return field?.labels?.[0]?.textContent ?? field?.getAttribute("aria-label") ?? "";
          });
        const refused = async (notice: string, field: RegExp, scope = page.locator("body")) => {
          await scope.getByTestId("invalid-field-notice").getByText(notice, { exact: true }).waitFor();
          assert.match(await focusedName(), field, `${notice}: the field it names has the focus`);
        };

        await page.goto(`${baseUrl}/inbox/settings?tab=offices`);
        await page.getByRole("button", { name: "Thêm phòng, ban" }).click();
        await refused("Vui lòng nhập tên phòng, ban.", /^Tên phòng, ban/);
        await page.getByRole("textbox", { name: /^Tên phòng, ban/ }).fill("Phòng Tư pháp");
        await page.getByRole("textbox", { name: /^E-mail/ }).fill("tuphap");
        await page.getByRole("button", { name: "Thêm phòng, ban" }).click();
        await refused("E-mail: Vui lòng nhập e-mail hợp lệ.", /^E-mail/);
        await phoneScreenshot(page, "forms-office-email", false);

        await page.goto(`${baseUrl}/profile`);
        await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
        await refused("Vui lòng nhập mật khẩu hiện tại.", /^Mật khẩu hiện tại/);
        // Each password's eye button is named in the reader's language, not Mantine's English.
        assert.ok((await page.locator('[aria-label="Hiện hoặc ẩn mật khẩu"]').count()) >= 3);
        assert.equal(await page.locator('[aria-label="Toggle password visibility"]').count(), 0);
        await page.getByLabel(/^Mật khẩu hiện tại/).fill(adminPassword);
        await page.getByLabel(/^Mật khẩu mới/).fill("du-muoi-ky-tu");
        await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
        // The repetition brings its own sentence: the label would make "Vui lòng nhập nhập lại…".
        await refused("Hai mật khẩu không khớp.", /^Nhập lại mật khẩu mới/);

        await page.getByTestId("profile-advanced").getByRole("button").first().click();
        const tokens = page.getByTestId("profile-advanced");
        await tokens.getByRole("button", { name: "Tạo mã" }).click();
        await refused("Vui lòng nhập tên gợi nhớ.", /^Tên gợi nhớ/, tokens);
        await phoneScreenshot(page, "forms-empty-token", false);

        await page.getByRole("button", { name: "Bật xác thực hai lớp" }).click();
        await page.getByRole("button", { name: "Xác nhận và bật" }).click();
        await refused("Vui lòng nhập mã xác thực.", /^Mã xác thực$/);
        assert.equal(
          await page.evaluate(() => document.activeElement?.id.endsWith("-1")),
          true,
          "the first box of the code",
        );
      },
    );

    await step("the password reset page sent empty, then too short, names the new password", async () => {
      await page.goto(`${baseUrl}/reset-password?token=not-a-real-token`);
      const focusedLabel = () =>
        page.evaluate(
          () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? "",
        );
      await page.getByRole("button", { name: "Đặt mật khẩu" }).click();
      await page.getByTestId("invalid-field-notice").getByText("Vui lòng nhập mật khẩu mới.").waitFor();
      assert.match(await focusedLabel(), /^Mật khẩu mới/);
      await page.getByLabel(/^Mật khẩu mới/).fill("ngan");
      await page.getByRole("button", { name: "Đặt mật khẩu" }).click();
      await page
        .getByTestId("invalid-field-notice")
        .getByText("Mật khẩu mới: Mật khẩu phải có ít nhất 10 ký tự.")
        .waitFor();
      assert.match(await focusedLabel(), /^Mật khẩu mới/);
      await phoneScreenshot(page, "forms-reset-too-short", false);
    });

    await step("a member's story and tip sent empty take them to the field to fill", async () => {
      const member = await signedInPhone("hoa.mathi@tuyenquang.caunoi.example", demoPassword);
      try {
        const focusedLabel = () =>
          member.page.evaluate(
            () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? "",
          );
        await member.page.goto(`${baseUrl}/my-stories`);
        await member.page.getByRole("textbox", { name: /^Tiêu đề/ }).fill("   ");
        await member.page.getByRole("button", { name: "Gửi ban biên tập" }).click();
        await member.page.getByTestId("invalid-field-notice").getByText("Vui lòng nhập tiêu đề.").waitFor();
        assert.match(await focusedLabel(), /^Tiêu đề/, "the story's title has the focus");
        await member.page.goto(`${baseUrl}/verification/report`);
        await member.page.getByRole("button", { name: "Gửi tin" }).click();
        await member.page.getByText("Vui lòng dán địa chỉ trang hoặc nhập nội dung tin.").first().waitFor();
        assert.match(await focusedLabel(), /^Địa chỉ trang có tin/, "the tip's address has the focus");
        await phoneScreenshot(member.page, "forms-empty-tip", false);
      } finally {
        await member.close();
      }
    });
  } finally {
    await phone.close();
  }
});

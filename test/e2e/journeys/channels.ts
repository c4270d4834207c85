import assert from "node:assert/strict";
import { test } from "node:test";
import sharp from "sharp";
import { adminEmail, adminPassword, baseUrl, phonePage, phoneScreenshot, stepsOf } from "../harness.ts";

// Official channels: the public lookup, and the registry in the web app.

test("a citizen checks a link on the lookup page and sees the owning unit", async () => {
  const { page: citizen, close } = await phonePage();
  try {
    await citizen.goto(`${baseUrl}/kiem-tra`);
    await citizen.getByRole("heading", { name: "Kiểm tra kênh chính thức" }).waitFor();
    // A registered demo page as people share it: mobile host, other capitals, tracking parameters.
    await citizen
      .getByLabel("Địa chỉ trang cần kiểm tra")
      .fill("https://m.facebook.com/CongAnTinh.TuyenQuang.Demo/?fbclid=IwAR0e2e&utm_source=zalo");
    await citizen.getByRole("button", { name: "Kiểm tra" }).click();
    const verdict = citizen.getByRole("status");
    await verdict.getByRole("heading", { name: /Kênh chính thức của Công an tỉnh Tuyên Quang/ }).waitFor();
    assert.match((await verdict.textContent()) ?? "", /Tỉnh Tuyên Quang › Công an tỉnh Tuyên Quang/);
    await phoneScreenshot(citizen, "20-lookup-official");

    await citizen
      .getByLabel("Địa chỉ trang cần kiểm tra")
      .fill("https://www.facebook.com/congan.tuyenquang.that");
    await citizen.getByRole("button", { name: "Kiểm tra" }).click();
    await citizen.getByRole("heading", { name: "Không có trong danh bạ kênh chính thức" }).waitFor();
    await phoneScreenshot(citizen, "21-lookup-unknown");

    // An address below the public pages is a Vietnamese page, not the web app or JSON.
    const missing = await citizen.goto(`${baseUrl}/danh-ba/khong-co`);
    assert.equal(missing?.status(), 404);
    await citizen.getByRole("heading", { name: "Không tìm thấy trang" }).waitFor();
    await phoneScreenshot(citizen, "22-public-not-found");
  } finally {
    await close();
  }
});

test("an administrator registers a channel and is told who owns it when registering it again", async (t) => {
  const { page: admin, close } = await phonePage();
  const step = stepsOf(t, () => [admin]);
  const handle = `phunutuyenquange2e${Date.now().toString(36)}`;
  const owner = "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang";
  const channelName = "Phụ nữ Tuyên Quang";
  const register = async (unit: string, url: string) => {
    await admin.getByRole("button", { name: "Đăng ký kênh" }).first().click();
    const dialog = admin.getByRole("dialog", { name: "Đăng ký kênh chính thức" });
    const picker = dialog.getByRole("combobox", { name: /^Đơn vị/ });
    await picker.click();
    await picker.fill(unit);
    await admin.getByRole("option", { name: new RegExp(`^${unit}`) }).click();
    await dialog.getByRole("combobox", { name: /^Nền tảng/ }).click();
    await admin.getByRole("option", { name: "Trang Facebook", exact: true }).click();
    await dialog.getByRole("textbox", { name: "Địa chỉ", exact: true }).fill(url);
    await dialog.getByRole("textbox", { name: /^Tên kênh/ }).fill(channelName);
    await dialog.getByRole("button", { name: "Đăng ký kênh" }).click();
    return dialog;
  };
  try {
    await step("signs in and opens the registry from the menu", async () => {
      await admin.goto(`${baseUrl}/sign-in`);
      await admin.getByRole("textbox", { name: /^E-mail/ }).fill(adminEmail);
      await admin.getByLabel(/^Mật khẩu/).fill(adminPassword);
      await admin.getByRole("button", { name: "Đăng nhập" }).click();
      await admin.waitForURL(/\/overview$/);
      await admin.getByRole("button", { name: "Mở menu" }).click();
      const nav = admin.getByRole("navigation", { name: "Điều hướng chính" });
      // The public pages are plain links to the server's pages, not client routes.
      assert.equal(await nav.getByRole("link", { name: "Kiểm tra kênh" }).getAttribute("href"), "/kiem-tra");
      assert.equal(await nav.getByRole("link", { name: "Danh bạ kênh" }).getAttribute("href"), "/danh-ba");
      await nav.getByRole("link", { name: "Kênh chính thức", exact: true }).click();
      await admin.getByRole("heading", { name: "Kênh chính thức", exact: true }).waitFor();
      await admin.getByRole("link", { name: "Công an tỉnh Tuyên Quang", exact: true }).waitFor();
      await phoneScreenshot(admin, "23-channels-list");
    });

    await step(
      "a pasted street address takes back the platform guessed from an earlier address",
      async () => {
        await admin.getByRole("button", { name: "Đăng ký kênh" }).first().click();
        const dialog = admin.getByRole("dialog", { name: "Đăng ký kênh chính thức" });
        const platform = dialog.getByTestId("channel-platform");
        const address = dialog.getByRole("textbox", { name: "Địa chỉ", exact: true });
        const note = dialog.getByText("Nhận ra từ địa chỉ đã dán", { exact: false });
        await address.fill("https://www.youtube.com/@tuyenquangtv");
        await note.waitFor();
        assert.equal(await platform.inputValue(), "Kênh YouTube");
        await address.fill("123 Đường Trần Phú, Hà Giang");
        await note.waitFor({ state: "hidden" });
        assert.equal(await platform.inputValue(), "", "the guess goes with the address it came from");
        await phoneScreenshot(admin, "23b-channel-guess-dropped");
        // The person's own choice stays, whatever is pasted.
        await platform.click();
        await admin.getByRole("option", { name: "Trang Facebook", exact: true }).click();
        await address.fill("https://www.youtube.com/@tuyenquangtv");
        await address.fill("123 Đường Trần Phú, Hà Giang");
        assert.equal(await platform.inputValue(), "Trang Facebook");
        assert.equal(await note.count(), 0);
        await dialog.getByRole("button", { name: "Hủy" }).click();
        await dialog.waitFor({ state: "hidden" });
      },
    );

    await step("registers a fanpage and finds it in the list", async () => {
      const dialog = await register(owner, `https://www.facebook.com/${handle}`);
      await admin.getByText(`Đã đăng ký kênh “${channelName}”.`).waitFor();
      await dialog.waitFor({ state: "hidden" });
      await admin.getByRole("textbox", { name: "Tìm kiếm" }).fill(handle);
      const card = admin.getByTestId("channel-cards").getByRole("link", { name: channelName });
      await card.waitFor();
      // The search (debounced) narrows the list to the new channel alone.
      await admin.getByText("1 kết quả", { exact: true }).waitFor();
      await phoneScreenshot(admin, "24-channel-registered");
      await card.click();
    });

    await step("sees the channel's details and its history", async () => {
      await admin.getByRole("heading", { name: channelName }).waitFor();
      await admin.getByText(owner, { exact: true }).first().waitFor();
      await admin.getByText("Đang hoạt động", { exact: true }).first().waitFor();
      // A Page's handle is named as people see it in the address, not as an @account.
      await admin.getByText("Tên trang (phần sau facebook.com/)", { exact: true }).waitFor();
      const history = admin.getByTestId("channel-history");
      await history.getByText("Đăng ký kênh", { exact: true }).waitFor();
      assert.match((await history.textContent()) ?? "", /bởi Quản trị viên/);
      assert.match((await history.textContent()) ?? "", new RegExp(`facebook\\.com/${handle}`));
      await phoneScreenshot(admin, "25-channel-detail");
    });

    await step(
      "edits the channel and takes its avatar from the library, uploading the image there",
      async () => {
        await admin.getByRole("button", { name: "Sửa", exact: true }).click();
        const dialog = admin.getByRole("dialog", { name: "Sửa thông tin kênh" });
        await dialog.getByRole("button", { name: "Chọn ảnh từ thư viện" }).click();
        const picker = admin.getByRole("dialog", { name: `Chọn ảnh, video của ${owner}` });
        await picker.getByRole("tab", { name: "Tải lên" }).click();
        const logo = await sharp({
          create: { width: 96, height: 96, channels: 3, background: { r: 190, g: 30, b: 90 } },
        })
          .png()
          .toBuffer();
        await picker.locator('input[type="file"]').setInputFiles({
          name: "logo-phu-nu.png",
          mimeType: "image/png",
          buffer: logo,
        });
        await picker.getByLabel(/^Mô tả ảnh/).fill("Biểu trưng Hội Phụ nữ tỉnh");
        await picker.getByRole("button", { name: /^Tải lên 1 tệp/ }).click();
        await picker.getByText("Đã tải lên.").waitFor();
        await picker.getByText("Đã chọn 1/1").waitFor();
        await phoneScreenshot(admin, "25d-channel-avatar-uploaded", false);
        await picker.getByTestId("media-picker-confirm").click();
        await picker.waitFor({ state: "hidden" });
        const address = await dialog.getByRole("textbox", { name: "Địa chỉ ảnh đại diện" }).inputValue();
        assert.match(address, new RegExp(`^${baseUrl}/media/[^/]+$`));
        const field = dialog.getByTestId("channel-avatar-field");
        await field.getByRole("img", { name: "Ảnh đại diện của kênh" }).waitFor();
        await field.getByRole("button", { name: "Bỏ ảnh đại diện" }).waitFor();
        await field.evaluate((element) => element.scrollIntoView({ block: "center" }));
        await phoneScreenshot(admin, "25d-channel-avatar-chosen", false);
        await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
        await admin.getByText("Đã lưu thông tin kênh.").waitFor();
        // The dialog's own preview shows the same picture until it has closed: the page's is the one checked.
        await dialog.waitFor({ state: "hidden" });
        const avatar = admin.locator("#main").locator(`img[src="${address}"]`);
        await avatar.waitFor();
        await admin.waitForFunction((src) => {
          const image = document.querySelector<HTMLImageElement>(`img[src="${src}"]`);
          return Boolean(image?.complete && image.naturalWidth > 0);
        }, address);
        assert.equal(await avatar.evaluate((image: HTMLImageElement) => image.naturalWidth), 96);
        await phoneScreenshot(admin, "25e-channel-avatar");
      },
    );

    await step("verifies the channel, then marks it closed as of an earlier day", async () => {
      await admin.getByRole("button", { name: "Thao tác khác" }).click();
      await admin.getByRole("menuitem", { name: "Xác minh kênh" }).click();
      await admin.getByRole("dialog").getByRole("button", { name: "Xác minh" }).click();
      await admin.getByText("Đã ghi nhận xác minh.").waitFor();
      await admin.getByText(/Quản trị viên xác minh lúc/).waitFor();

      await admin.getByRole("button", { name: "Thao tác khác" }).click();
      await admin.getByRole("menuitem", { name: "Đánh dấu đã đóng" }).click();
      const dialog = admin.getByRole("dialog");
      await dialog.getByLabel(/^Từ ngày/).fill("2026-01-15");
      await phoneScreenshot(admin, "25b-channel-close-dialog", false);
      await dialog.getByRole("button", { name: "Lưu trạng thái" }).click();
      await admin.getByText("Đã đổi trạng thái kênh thành “Đã đóng”.").waitFor();
      const history = admin.getByTestId("channel-history");
      await history.getByText("Đổi trạng thái", { exact: true }).waitFor();
      assert.match((await history.textContent()) ?? "", /Đang hoạt động → Đã đóng, từ ngày 15\/01\/2026/);
      await history.getByText("Xác minh", { exact: true }).waitFor();
      await phoneScreenshot(admin, "25c-channel-closed");
    });

    await step("registering the same page in another form names the unit that owns it", async () => {
      await admin.getByRole("link", { name: "Tất cả kênh" }).click();
      await admin.getByRole("heading", { name: "Kênh chính thức", exact: true }).waitFor();
      const dialog = await register(
        "Tỉnh đoàn Tuyên Quang",
        `https://m.facebook.com/${handle.toUpperCase()}/?ref=share&utm_source=zalo`,
      );
      const message = dialog.getByText(/đã được đăng ký là kênh chính thức của/);
      await message.waitFor();
      assert.match((await message.textContent()) ?? "", new RegExp(`“${owner}”`));
      // What the phone shows (a dialog): the address field, brought back into view with the refusal under it.
      await phoneScreenshot(admin, "26-channel-key-taken", false);
    });
  } finally {
    await close();
  }
});

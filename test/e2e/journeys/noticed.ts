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

// What users noticed (issue 11, items 10–12): sharing is what the member confirms, personal accounts
// in declarations, mass organisations' kind, readable topic addresses, the platform recognised from
// a pasted address, people in Vietnamese order, and a 404 that leads somewhere.

/** What a Vietnamese list runs by first: the given name (the last word), diacritics ignored. */
function vietnameseOrderKey(fullName: string): string {
  const fold = (text: string) =>
    text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  const given = fullName.split(" ").at(-1) ?? "";
  return fold(given);
}

test("a member confirms a share and declares a personal Zalo account", async (t) => {
  const member = await signedInPhone("hoa.mathi@tuyenquang.caunoi.example", demoPassword, {
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const step = stepsOf(t, () => [member.page]);
  const m = member.page;
  try {
    await step("copying a kit's link asks whether it was shared, and only the answer marks it", async () => {
      await m.goto(`${baseUrl}/share`);
      const card = m
        .getByTestId("feed-kit")
        .filter({ has: m.locator('[data-testid="feed-shared"][hidden]') });
      const first = card.first();
      await first.waitFor();
      const id = await first.getAttribute("data-kit-id");
      const kit = m.locator(`[data-kit-id="${id}"]`);
      await kit.getByTestId("feed-copy").click();
      await kit.getByTestId("feed-confirm").getByText("Đã chia sẻ xong?").waitFor();
      // Nothing recorded yet: a fresh load shows the kit still unshared.
      await m.reload();
      assert.equal(await m.locator(`[data-kit-id="${id}"]`).getByTestId("feed-shared").isHidden(), true);
      await m.locator(`[data-kit-id="${id}"]`).getByTestId("feed-copy").click();
      await m.locator(`[data-kit-id="${id}"]`).getByTestId("feed-confirm").waitFor();
      await m.locator(`[data-kit-id="${id}"]`).scrollIntoViewIfNeeded();
      await phoneScreenshot(m, "80-share-confirm", false);
      await m.locator(`[data-kit-id="${id}"]`).getByTestId("feed-confirm-yes").click();
      await m.locator(`[data-kit-id="${id}"]`).getByTestId("feed-shared").waitFor();
      await m.reload();
      await m.locator(`[data-kit-id="${id}"]`).getByTestId("feed-shared").waitFor();
    });

    await step("the declaration form offers personal accounts first", async () => {
      await m.goto(`${baseUrl}/my-accounts`);
      await m.getByRole("button", { name: "Kê khai tài khoản" }).click();
      const dialog = m.getByRole("dialog");
      await dialog.getByTestId("declaration-platform").click();
      await m.getByText("Tài khoản cá nhân của bạn").waitFor();
      for (const name of [
        "Tài khoản Facebook cá nhân",
        "Tài khoản Zalo cá nhân",
        "Tài khoản TikTok",
        "Kênh YouTube",
      ]) {
        await m.getByRole("option", { name, exact: true }).waitFor();
      }
      await phoneScreenshot(m, "81-declaration-platforms", false);
      await m.getByRole("option", { name: "Tài khoản Zalo cá nhân", exact: true }).click();
      await dialog.getByText("Dán liên kết zalo.me/… hoặc nhập số điện thoại dùng cho Zalo").waitFor();
      await dialog.getByRole("textbox", { name: /^Địa chỉ tài khoản/ }).fill("0912 345 678");
      await dialog.getByRole("textbox", { name: /^Tên hiển thị/ }).fill("Hoà Ma");
      await dialog.getByRole("checkbox", { name: /đồng ý cung cấp thông tin/ }).check();
      await dialog.getByRole("button", { name: "Kê khai", exact: true }).click();
      await dialog.waitFor({ state: "hidden" });
      const card = m.getByTestId("declaration-card").filter({ hasText: "zalo.me/0912345678" });
      await card.getByText("Tài khoản Zalo cá nhân").waitFor();
      await card.scrollIntoViewIfNeeded();
      await phoneScreenshot(m, "82-declared-personal-zalo", false);
    });
  } finally {
    await member.close();
  }
});

test("an administrator sees mass organisations, people in order, and the platform from an address", async (t) => {
  const { page: admin, close } = await phonePage();
  const step = stepsOf(t, () => [admin]);
  try {
    await step("signs in", async () => {
      await admin.goto(`${baseUrl}/sign-in`);
      await admin.getByRole("textbox", { name: /^E-mail/ }).fill(adminEmail);
      await admin.getByLabel(/^Mật khẩu/).fill(adminPassword);
      await admin.getByRole("button", { name: "Đăng nhập" }).click();
      await admin.waitForURL((url) => !/^\/(sign-in)?$/.test(url.pathname));
    });

    await step("the provincial Youth Union is a socio-political organisation", async () => {
      const units = await (
        await admin.request.get(`${baseUrl}/api/units?q=${encodeURIComponent("Tỉnh đoàn")}`)
      ).json();
      const youth = units.items.find((unit: { name: string }) => unit.name === "Tỉnh đoàn Tuyên Quang");
      assert.ok(youth, "the demo has the provincial Youth Union");
      await admin.goto(`${baseUrl}/units/${youth.id}`);
      await admin.getByRole("heading", { name: "Tỉnh đoàn Tuyên Quang" }).waitFor();
      await admin.getByText("Tổ chức chính trị – xã hội", { exact: true }).first().waitFor();
      await phoneScreenshot(admin, "83-unit-mass-organisation", false);
    });

    await step("the people list runs by given name, then family name", async () => {
      await admin.goto(`${baseUrl}/people`);
      await admin.getByRole("heading", { name: "Nhân sự" }).first().waitFor();
      const cards = admin.locator("main .mantine-Card-root");
      await cards.first().waitFor();
      // Each card opens with the person's full name.
      const shown = await cards.evaluateAll((found) =>
        found.map((card) => card.querySelector(".mantine-Text-root")?.textContent?.trim() ?? ""),
      );
      assert.ok(shown.length >= 5, `people are listed: ${shown.join(", ")}`);
      const keys = shown.map(vietnameseOrderKey);
      for (let i = 1; i < keys.length; i++) {
        assert.ok(
          (keys[i - 1] ?? "") <= (keys[i] ?? ""),
          `${shown[i - 1]} comes before ${shown[i]}: ${shown.join(", ")}`,
        );
      }
      await phoneScreenshot(admin, "84-people-by-given-name", false);
    });

    await step("registering a channel recognises the platform from the pasted address", async () => {
      await admin.goto(`${baseUrl}/channels`);
      await admin.getByRole("button", { name: "Đăng ký kênh" }).first().click();
      const dialog = admin.getByRole("dialog", { name: "Đăng ký kênh chính thức" });
      await dialog
        .getByRole("textbox", { name: "Địa chỉ", exact: true })
        .fill("https://m.youtube.com/@tinhdoantuyenquang?si=abc");
      const platform = dialog.getByRole("combobox", { name: /^Nền tảng/ });
      assert.equal(await platform.inputValue(), "Kênh YouTube");
      await dialog.getByText("Nhận ra từ địa chỉ đã dán. Bạn có thể chọn lại nếu chưa đúng.").waitFor();
      await dialog
        .getByRole("textbox", { name: "Địa chỉ", exact: true })
        .fill("https://www.facebook.com/groups/thanhnientuyenquang");
      assert.equal(await platform.inputValue(), "Nhóm Facebook");
      await phoneScreenshot(admin, "85-channel-platform-detected", false);
      await admin.keyboard.press("Escape");
    });
  } finally {
    await close();
  }
});

test("a citizen reads topics at readable addresses, and an unknown portal leads somewhere", async (t) => {
  const { page: citizen, close } = await phonePage();
  const step = stepsOf(t, () => [citizen]);
  try {
    await step("topic links have addresses without encoded letters", async () => {
      await citizen.goto(`${baseUrl}/u/TQ`);
      const links = await citizen
        .locator('a[href*="/chu-de/"]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
      assert.ok(links.length > 0, "the portal lists its topics");
      for (const link of links) {
        assert.match(link, /\/chu-de\/[a-z0-9-]+$/);
      }
      const response = await citizen.goto(`${baseUrl}/u/TQ/chu-de/${encodeURIComponent("cảnh báo lừa đảo")}`);
      assert.equal(response?.status(), 200);
      assert.match(citizen.url(), /\/u\/TQ\/chu-de\/canh-bao-lua-dao$/);
      await citizen.getByRole("heading", { name: /Chủ đề: cảnh báo lừa đảo/i }).waitFor();
      await phoneScreenshot(citizen, "86-portal-topic");
    });

    await step("an unknown portal's page points to the directory of official channels", async () => {
      const response = await citizen.goto(`${baseUrl}/u/KHONG-CO-DON-VI`);
      assert.equal(response?.status(), 404);
      await citizen.getByRole("heading", { name: "Không tìm thấy trang" }).waitFor();
      await phoneScreenshot(citizen, "87-portal-unknown");
      await citizen.getByRole("link", { name: "danh bạ kênh chính thức" }).click();
      await citizen.waitForURL(/\/danh-ba$/);
    });
  } finally {
    await close();
  }
});

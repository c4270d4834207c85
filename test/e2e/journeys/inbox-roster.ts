import assert from "node:assert/strict";
import { test } from "node:test";
import type { Locator, Page } from "playwright-core";
import {
  adminEmail,
  adminPassword,
  baseUrl,
  communeAdmin,
  demoPassword,
  phoneScreenshot,
  signedInPhone,
  stepsOf,
} from "../harness.ts";

// The duty roster on a phone: the administrator adds an evening shift to a commune, plans next week
// (who is on duty, who leads), copies it onto the week after; a duty officer asks a colleague to take
// one of her shifts and the colleague accepts; the commune's inbox settings are saved and read back.

const officer = { email: "trang.lethu@tuyenquang.caunoi.example", name: "Lê Thu Trang" };
const colleague = { email: communeAdmin.email, name: "Hoàng Văn Hải" };
const stamp = Date.now().toString(36).slice(-4);
const slotName = `Ca tối ${stamp}`;

/** Day arithmetic on "YYYY-MM-DD" calendar days. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
const nextMonday = addDays(today, 8 - weekday);
const weekAfter = addDays(nextMonday, 7);
const dm = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/**
 * The texts in the roster's shift cells that are cut: running past their own box or out of their
 * cell. Screen-reader-only text (a 1 px clipped box, by design) is not read by the eye and is left out.
 */
function rosterTextsCut(): string[] {
  const screenReaderOnly = (element: Element, cell: Element) => {
    for (let node: Element | null = element; node && node !== cell; node = node.parentElement) {
      if (getComputedStyle(node).clip === "rect(0px, 0px, 0px, 0px)") {
        return true;
      }
    }
    return false;
  };
  const cut: string[] = [];
  for (const cell of document.querySelectorAll('[data-testid="roster-cell"]')) {
    const box = cell.getBoundingClientRect();
    for (const element of cell.querySelectorAll("*")) {
      const text = element.textContent?.trim() ?? "";
      if (!text || screenReaderOnly(element, cell)) {
        continue;
      }
      const own = element.getBoundingClientRect();
      const overflows = element.clientWidth > 0 && element.scrollWidth > element.clientWidth;
      const outside = own.left < box.left - 0.5 || own.right > box.right + 0.5;
      if (overflows || outside) {
        cut.push(`${text} (${Math.round(own.width)} px in a ${Math.round(box.width)} px cell)`);
      }
    }
  }
  return cut;
}

function cell(page: Page, day: string): Locator {
  return page.locator(
    `[data-testid="roster-day"][data-day="${day}"] [data-testid="roster-cell"][data-slot="${slotName}"]`,
  );
}

/** Chooses a person in a person picker, by typing their name and picking the option with their e-mail. */
async function pickPerson(
  page: Page,
  field: Locator,
  person: { email: string; name: string },
): Promise<void> {
  await field.fill(person.name);
  await page.getByRole("option").filter({ hasText: person.email }).first().click();
}

test("a week of duty is planned and copied, and a shift is swapped, on phones", async (t) => {
  const admin = await signedInPhone(adminEmail, adminPassword);
  const open: Page[] = [admin.page];
  const closers = [admin.close];
  const step = stepsOf(t, () => open);
  let unitId = "";
  try {
    await step("the administrator adds an evening shift to the commune's day", async () => {
      const { page } = admin;
      const units = await page.request.get(`${baseUrl}/api/units`, { params: { q: communeAdmin.unit } });
      const found = (await units.json()) as { items: { id: string; name: string }[] };
      unitId = found.items.find((unit) => unit.name === communeAdmin.unit)?.id ?? "";
      assert.ok(unitId, `${communeAdmin.unit} is in the demo`);
      await page.goto(`${baseUrl}/inbox/roster?unitId=${unitId}&month=${nextMonday.slice(0, 7)}&tab=slots`);
      await page.getByRole("heading", { name: "Lịch trực" }).waitFor();
      await page.getByRole("button", { name: "Thêm ca" }).click();
      const dialog = page.getByRole("dialog", { name: "Thêm ca trực" });
      await dialog.getByRole("textbox", { name: /^Tên ca/ }).fill(slotName);
      await dialog.getByRole("textbox", { name: /^Giờ bắt đầu/ }).fill("18:00");
      await dialog.getByRole("textbox", { name: /^Giờ kết thúc/ }).fill("21:30");
      await dialog.getByRole("button", { name: "Lưu" }).click();
      await page.getByTestId("slot-row").filter({ hasText: slotName }).getByText("18:00–21:30").waitFor();
    });

    await step(
      "plans next week: the officer leads Monday's evening, the colleague joins her on Tuesday",
      async () => {
        const { page } = admin;
        await page.getByRole("tab", { name: "Lịch tháng" }).click();
        await cell(page, nextMonday).click();
        let dialog = page.getByTestId("shift-dialog");
        await pickPerson(page, dialog.getByLabel("Thêm cán bộ trực"), officer);
        await dialog.getByRole("radio", { name: `Trưởng ca: ${officer.name}` }).check();
        await dialog.getByRole("button", { name: "Lưu phân công" }).click();
        await cell(page, nextMonday).getByText(officer.name).waitFor();

        await cell(page, addDays(nextMonday, 1)).click();
        dialog = page.getByTestId("shift-dialog");
        await pickPerson(page, dialog.getByLabel("Thêm cán bộ trực"), officer);
        await pickPerson(page, dialog.getByLabel("Thêm cán bộ trực"), colleague);
        await dialog.getByRole("button", { name: "Lưu phân công" }).click();
        await cell(page, addDays(nextMonday, 1)).getByText(colleague.name).waitFor();
        await cell(page, nextMonday).scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "inbox-roster-01-week-planned", false);
      },
    );

    await step("copies it onto the week after", async () => {
      const { page } = admin;
      await page.goto(`${baseUrl}/inbox/roster?unitId=${unitId}&month=${weekAfter.slice(0, 7)}`);
      await page.getByRole("button", { name: "Sao chép tuần trước" }).click();
      const dialog = page.getByTestId("copy-week-dialog");
      await dialog.getByLabel("Sao chép vào tuần bắt đầu từ").click();
      // "Tuần 14/12 – 20/12/2026", or "Tuần 28/12/2026 – 03/01/2027" across the new year.
      await page.getByRole("option", { name: new RegExp(`^Tuần ${dm(weekAfter)}`) }).click();
      await dialog.getByRole("button", { name: "Sao chép" }).click();
      const result = page.getByTestId("copy-result");
      await result.waitFor();
      const copied = Number(/Đã sao chép (\d+) ca/.exec((await result.textContent()) ?? "")?.[1]);
      assert.ok(copied >= 2, `at least the two planned shifts are copied (${copied})`);
      await cell(page, weekAfter).getByText(officer.name).waitFor();
      await cell(page, addDays(weekAfter, 1)).getByText(colleague.name).waitFor();
      await phoneScreenshot(page, "inbox-roster-02-copied", false);
    });

    await step("the officer asks her colleague to take her Monday evening; he accepts", async () => {
      const trang = await signedInPhone(officer.email, demoPassword);
      open.push(trang.page);
      closers.push(trang.close);
      await trang.page.goto(`${baseUrl}/inbox/my-shifts`);
      const day = `${dm(weekAfter)}/${weekAfter.slice(0, 4)}`;
      const shift = trang.page.getByTestId("my-shift").filter({ hasText: day }).filter({ hasText: slotName });
      await shift.getByRole("button", { name: "Đề nghị đổi ca" }).click();
      const dialog = trang.page.getByTestId("swap-dialog");
      await pickPerson(trang.page, dialog.getByLabel("Người nhận ca"), colleague);
      await dialog
        .getByRole("textbox", { name: /^Lời nhắn/ })
        .fill("Em có việc gia đình tối thứ Hai, nhờ anh trực giúp.");
      await dialog.getByRole("button", { name: "Gửi đề nghị" }).click();
      await shift.getByText(`Chờ đổi ca: ${officer.name} → ${colleague.name}`).waitFor();
      await phoneScreenshot(trang.page, "inbox-roster-03-swap-asked");

      const hai = await signedInPhone(colleague.email, demoPassword);
      open.push(hai.page);
      closers.push(hai.close);
      await hai.page.goto(`${baseUrl}/inbox/my-shifts`);
      const request = hai.page.getByTestId("swap-card").filter({ hasText: slotName });
      await request.getByText("Em có việc gia đình").waitFor();
      await phoneScreenshot(hai.page, "inbox-roster-04-swap-received");
      await request.getByRole("button", { name: "Đồng ý" }).click();
      await request.getByText("Đã đồng ý").waitFor();
      await hai.page.getByTestId("my-shift").filter({ hasText: day }).filter({ hasText: slotName }).waitFor();

      // The month shows him on that evening now, and her no longer.
      await admin.page.reload();
      await cell(admin.page, weekAfter).getByText(colleague.name).waitFor();
      assert.equal(await cell(admin.page, weekAfter).getByText(officer.name).count(), 0);
    });

    await step(
      "the month is named as each language writes it, and every name and tag in the shifts shows whole",
      async () => {
        const { page } = admin;
        await page.getByRole("banner").getByText("EN", { exact: true }).click();
        await page.goto(`${baseUrl}/inbox/roster?unitId=${unitId}&month=${nextMonday.slice(0, 7)}`);
        await page.getByRole("heading", { name: "Duty roster" }).waitFor();
        const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(
          new Date(`${nextMonday}T00:00:00Z`),
        );
        assert.equal(
          await page.getByTestId("roster-month").textContent(),
          `${monthName} ${nextMonday.slice(0, 4)}`,
        );
        await page.getByTestId("roster-legend").getByText("★ Shift leader").waitFor();
        // A screen reader still hears who leads; the eye reads the star and the legend.
        await cell(page, nextMonday).getByText("(shift leader)").waitFor({ state: "attached" });
        for (const width of [360, 1366]) {
          await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
          await cell(page, nextMonday).scrollIntoViewIfNeeded();
          const cut = await page.evaluate(rosterTextsCut);
          assert.deepEqual(cut, [], `at ${width} px every text in the shifts shows whole`);
        }
        await page.setViewportSize({ width: 360, height: 740 });
        await cell(page, nextMonday).scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "inbox-roster-05-english", false);
        await page.evaluate(() => window.scrollTo(0, 0));
        await phoneScreenshot(page, "inbox-roster-05b-english-month", false);
        await page.getByRole("banner").getByText("VI", { exact: true }).click();
        await page.getByRole("heading", { name: "Lịch trực" }).waitFor();
        assert.equal(
          await page.getByTestId("roster-month").textContent(),
          `Tháng ${nextMonday.slice(5, 7)}/${nextMonday.slice(0, 4)}`,
        );
        assert.deepEqual(await page.evaluate(rosterTextsCut), [], "in Vietnamese too");
      },
    );

    await step("the commune's response targets and retention are saved and read back", async () => {
      const { page } = admin;
      await page.goto(`${baseUrl}/inbox/settings?unitId=${unitId}`);
      const form = page.getByTestId("settings-form");
      await form.getByRole("textbox", { name: "Phản hồi đầu tiên trong vòng (phút)" }).fill("45");
      await form.getByRole("textbox", { name: "Thời gian lưu trữ (tháng)" }).fill("18");
      await form
        .getByRole("textbox", { name: "Nội dung trả lời tự động" })
        .fill("Xã Tân Trào đã nhận tin nhắn của bạn và sẽ trả lời từ {gio_mo_cua}.");
      await form.getByRole("button", { name: "Lưu cài đặt" }).click();
      await page.getByText("Đã lưu cài đặt hộp thư.").waitFor();
      await page.reload();
      await form.getByRole("textbox", { name: "Phản hồi đầu tiên trong vòng (phút)" }).waitFor();
      assert.equal(
        await form.getByRole("textbox", { name: "Phản hồi đầu tiên trong vòng (phút)" }).inputValue(),
        "45",
      );
      assert.equal(await form.getByRole("textbox", { name: "Thời gian lưu trữ (tháng)" }).inputValue(), "18");
      await form.getByText("trong 18 tháng sẽ bị xóa hẳn", { exact: false }).waitFor();
      await form
        .getByTestId("auto-reply-preview")
        .getByText("Xã Tân Trào đã nhận tin nhắn", { exact: false })
        .waitFor();
      await phoneScreenshot(page, "inbox-roster-06-settings");
    });
  } finally {
    for (const close of closers) {
      await close();
    }
  }
});

import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { eventually } from "../../helpers/eventually.ts";
import { readableMail } from "../../helpers/smtp.ts";
import {
  baseUrl,
  demoPassword,
  phonePage,
  phoneScreenshot,
  signedInPhone,
  smtp,
  stepsOf,
} from "../harness.ts";

// From a citizen's tip to a published correction: a citizen reports a rumour on a phone, a second one
// sends it reworded, the checker merges the two and drafts the verdict, the approver signs it off and
// publishes it, both reporters see the answer on their status pages and by e-mail, and the correction
// article is on the portal with its ClaimReview.

const checkerEmail = "khanh.phamquoc@tuyenquang.caunoi.example";
const approverEmail = "binh.trieuvan@tuyenquang.caunoi.example";
const stamp = Date.now().toString(36);

const firstTip =
  `Thông báo khẩn (${stamp}): từ ngày 20/12, Ủy ban nhân dân tỉnh sẽ thu hồi toàn bộ sổ đỏ cấp trước năm 2010 ` +
  "để cấp lại, người dân phải nộp phí 2 triệu đồng mỗi sổ tại nhà văn hóa thôn trong vòng 3 ngày, quá hạn sẽ " +
  "bị thu hồi đất. Hãy chia sẻ cho bà con cùng biết.";
const rewordedTip =
  `Bà con chú ý (${stamp}): từ ngày 20/12 Ủy ban nhân dân tỉnh thu hồi hết sổ đỏ cấp trước năm 2010 để cấp lại, mỗi sổ ` +
  "người dân phải nộp phí 2 triệu đồng tại nhà văn hóa thôn trong 3 ngày, quá hạn sẽ bị thu hồi đất. Chia sẻ " +
  "cho mọi người cùng biết nhé.";
const claim = "Tỉnh thu hồi sổ đỏ cấp trước năm 2010, thu phí 2 triệu đồng";
const reporters = [`nguoi.bao.mot.${stamp}@example.vn`, `nguoi.bao.hai.${stamp}@example.vn`];

/** Sends a tip from the public form as a citizen would, and returns the tracking code it shows. */
async function sendTip(page: Page, text: string, email: string, shot: string): Promise<string> {
  await page.goto(`${baseUrl}/bao-tin`);
  await page.getByRole("heading", { name: "Báo tin cần xác minh" }).waitFor();
  await page.getByLabel("Nội dung tin").fill(text);
  await page.getByLabel("E-mail để nhận kết quả (không bắt buộc)").fill(email);
  await page.getByRole("button", { name: "Gửi tin" }).click();
  await page.getByRole("heading", { name: "Tình trạng tin đã gửi" }).waitFor();
  await page.getByText("Đã gửi tin thành công.").waitFor();
  await phoneScreenshot(page, shot);
  const code = (await page.locator(".code").first().textContent())?.trim() ?? "";
  assert.match(code, /^BT-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  return code;
}

test("a citizen's tip becomes a published correction that both reporters see", async (t) => {
  const citizen = await phonePage();
  // Every page open when a step fails is photographed.
  const open: Page[] = [citizen.page];
  const step = stepsOf(t, () => open);
  const closers: (() => Promise<void>)[] = [citizen.close];
  const codes: string[] = [];
  let caseUrl = "";
  let articleUrl = "";
  try {
    await step(
      "a citizen sends a rumour from the public form on a phone and gets a tracking code",
      async () => {
        codes.push(await sendTip(citizen.page, firstTip, reporters[0] ?? "", "verification-01-tip-sent"));
        await citizen.page.getByText("1. Đã tiếp nhận").waitFor();
      },
    );

    await step("a second citizen sends it reworded, and gets their own code", async () => {
      codes.push(await sendTip(citizen.page, rewordedTip, reporters[1] ?? "", "verification-02-second-tip"));
      assert.notEqual(codes[0], codes[1]);
    });

    await step("the checker finds the reworded tip suggested as a duplicate and merges it", async () => {
      const checker = await signedInPhone(checkerEmail, demoPassword);
      open.push(checker.page);
      closers.push(checker.close);
      {
        const { page } = checker;
        await page.goto(`${baseUrl}/verification`);
        const card = page.getByTestId("case-card").filter({ hasText: `Bà con chú ý (${stamp})` });
        await card.getByRole("link").first().click();
        await page.waitForURL(/\/verification\/cases\/[0-9a-f-]{36}$/);
        const suggestions = page.getByTestId("suggestions");
        await suggestions.getByText(`Thông báo khẩn (${stamp})`, { exact: false }).waitFor();
        await phoneScreenshot(page, "verification-03-suggestion");
        await suggestions.getByRole("button", { name: "Gộp hồ sơ này vào hồ sơ kia" }).click();
        const dialog = page.getByRole("dialog", { name: "Gộp hồ sơ?" });
        await dialog.getByRole("button", { name: "Gộp" }).click();
        const mergedAwayUrl = page.url();
        // The checker is taken on to the case both tips now belong to, and told so.
        await page.getByText(`Đã gộp hồ sơ “Bà con chú ý (${stamp})`, { exact: false }).waitFor();
        await page.waitForURL(
          (url) => url.href !== mergedAwayUrl && /\/verification\/cases\//.test(url.pathname),
        );
        // The merged-away case, opened again, says where it went.
        await page.goto(mergedAwayUrl);
        await page.getByText("Hồ sơ này đã được gộp vào hồ sơ khác.").waitFor();

        // On to the case both tips now belong to.
        await page.goto(`${baseUrl}/verification`);
        const merged = page.getByTestId("case-card").filter({ hasText: `Thông báo khẩn (${stamp})` });
        await merged.getByText("2 lượt báo").waitFor();
        await merged.getByRole("link").first().click();
        await page.waitForURL(/\/verification\/cases\/[0-9a-f-]{36}$/);
        caseUrl = page.url();
        assert.equal(await page.getByTestId("suggestions").count(), 0, "the suggestion is settled");

        const panel = page.getByTestId("verdict-panel");
        // No verdict yet: the checker's panel opens on the form. Saved empty, it takes the checker to
        // the verdict to choose and names it.
        await panel.getByRole("button", { name: "Lưu dự thảo" }).click();
        await panel.getByTestId("invalid-field-notice").getByText("Vui lòng chọn kết luận.").waitFor();
        assert.match(
          await page.evaluate(
            () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? "",
          ),
          /^Kết luận/,
          "the verdict has the focus",
        );
        await phoneScreenshot(page, "verification-04a-verdict-empty", false);
        await panel.getByLabel(/^Kết luận/).click();
        await page.getByRole("option", { name: "Tin giả" }).click();
        await panel.getByRole("textbox", { name: /^Nội dung được xác minh/ }).fill(claim);
        await panel
          .getByRole("textbox", { name: /^Giải thích/ })
          .fill(
            "Ủy ban nhân dân tỉnh không có chủ trương thu hồi sổ đỏ cấp trước năm 2010 và không thu bất kỳ khoản phí nào " +
              "tại nhà văn hóa thôn. Người dân không nộp tiền cho bất kỳ ai tự xưng cán bộ đến thu.",
          );
        await panel.getByRole("button", { name: "Lưu dự thảo" }).click();
        await panel.getByText("Dự thảo, chờ duyệt").waitFor();
        await panel.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "verification-04-verdict-draft");
        // A checker cannot sign off (and never their own draft).
        assert.equal(await panel.getByRole("button", { name: "Duyệt kết luận" }).count(), 0);
      }
    });

    await step("the approver signs the verdict off and publishes the correction", async () => {
      const approver = await signedInPhone(approverEmail, demoPassword);
      open.push(approver.page);
      closers.push(approver.close);
      {
        const { page } = approver;
        await page.goto(caseUrl);
        const panel = page.getByTestId("verdict-panel");
        await panel.getByRole("button", { name: "Duyệt kết luận" }).click();
        await page
          .getByRole("dialog", { name: "Duyệt kết luận này?" })
          .getByRole("button", { name: "Duyệt kết luận" })
          .click();
        await panel.getByText("Đã duyệt, chờ công bố").waitFor();
        await panel.getByRole("button", { name: "Công bố bài đính chính" }).click();
        await page
          .getByRole("dialog", { name: "Công bố kết luận?" })
          .getByRole("button", { name: "Công bố bài đính chính" })
          .click();
        const link = panel.getByRole("link", { name: "Xem bài đính chính" });
        await link.waitFor();
        articleUrl = (await link.getAttribute("href")) ?? "";
        assert.ok(articleUrl, "the panel links to the article");
        await panel.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "verification-05-published");

        // The desk's figures now hold a published case; every series of a chart is named whole on the phone.
        await page.goto(`${baseUrl}/verification/metrics`);
        const legend = page.getByTestId("bar-chart-legend").first();
        await legend.waitFor();
        const names = legend.locator(":scope > div");
        assert.ok((await names.count()) >= 2, "a chart of several series has a legend");
        for (const name of await names.all()) {
          const box = await name.boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `${await name.innerText()} is cut off`);
        }
        await legend.scrollIntoViewIfNeeded();
        await phoneScreenshot(page, "verification-05b-metrics", false);
      }
    });

    await step("both reporters see the answer on their status pages", async () => {
      for (const [index, code] of codes.entries()) {
        await citizen.page.goto(`${baseUrl}/bao-tin/${code}`);
        await citizen.page.getByRole("heading", { name: "Kết luận: Tin giả" }).waitFor();
        await citizen.page.getByText(claim).waitFor();
        const href = await citizen.page
          .getByRole("link", { name: "Đọc bài đính chính của đơn vị" })
          .getAttribute("href");
        assert.ok(
          href && new URL(href, baseUrl).pathname === new URL(articleUrl, baseUrl).pathname,
          `${href}`,
        );
        await phoneScreenshot(citizen.page, `verification-06-status-${index + 1}`);
      }
    });

    await step("both reporters are told by e-mail, with the article and their status page", async () => {
      for (const [index, email] of reporters.entries()) {
        const mail = await eventually(() => smtp.inbox.find((message) => message.to.includes(email)), {
          what: `the outcome mail to ${email}`,
        });
        const letter = readableMail(mail);
        assert.match(letter, /Kính gửi/);
        assert.match(letter, /Tin giả/);
        assert.ok(letter.includes(`/bao-tin/${codes[index]}`), `no status link in:\n${letter}`);
      }
    });

    await step("the correction article is on the portal, with its ClaimReview", async () => {
      await citizen.page.goto(new URL(articleUrl, baseUrl).toString());
      await citizen.page.getByRole("heading", { name: claim, exact: false }).first().waitFor();
      const ldJson = await citizen.page.locator('script[type="application/ld+json"]').allTextContents();
      const review = ldJson
        .map((text) => JSON.parse(text) as unknown)
        .flatMap((value) => (Array.isArray(value) ? value : [value]))
        .find((value) => (value as { "@type"?: string })["@type"] === "ClaimReview") as
        | { claimReviewed: string; reviewRating: { alternateName: string } }
        | undefined;
      assert.ok(review, "the article carries a ClaimReview");
      assert.equal(review.claimReviewed, claim);
      assert.equal(review.reviewRating.alternateName, "Tin giả");
      await phoneScreenshot(citizen.page, "verification-07-article");
    });
  } finally {
    for (const close of closers) {
      await close();
    }
  }
});

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { APIRequestContext, Page } from "playwright-core";
import { type FakeGraph, startFakeGraph } from "../../fakes/facebook-graph.ts";
import { type FakeMessenger, startFakeMessenger } from "../../fakes/facebook-messenger.ts";
import { fakeFacebook, feedComment, messengerMessage, pageDelivery } from "../../fakes/facebook-webhooks.ts";
import { eventually } from "../../helpers/eventually.ts";
import { freePort, waitUntilReady } from "../../helpers/real-server.ts";
import {
  adminEmail,
  adminPassword,
  demoPassword,
  phonePage,
  phoneScreenshot,
  smtp,
  stepsOf,
} from "../harness.ts";

/*
 * The inbox on the evening shift: the fake Facebook delivers a comment and a Messenger message to the
 * province's fanpage; the officer on duty, assigned by round-robin, sees both appear on a 360-px phone
 * without reloading, answers each with a canned reply, and the fake platform receives exactly one reply
 * to each. This journey runs its own server: its Graph API is the fake Messenger (Send API, comment
 * replies), with the fake Graph answering only the token check made when the page is connected.
 */

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const appSecret = `e2e-app-secret-${randomBytes(6).toString("hex")}`;
const verifyToken = `e2e-verify-${randomBytes(6).toString("hex")}`;
const officerEmail = "trang.lethu@tuyenquang.caunoi.example";
const officerName = "Lê Thu Trang";

/** One Graph root for the server: the token check goes to the publishing fake, the rest to Messenger's. */
async function startGraphRouter(
  graph: FakeGraph,
  messenger: FakeMessenger,
): Promise<{ origin: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const target = request.url?.includes("/debug_token") ? graph.origin : messenger.origin;
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
    }
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers: Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === "string" && !["host", "connection", "content-length"].includes(entry[0]),
        ),
      ),
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    response.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/json",
    });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${port}`, server };
}

/** The server for this journey, with the webhook secrets and the Graph root set as an operator would. */
async function startInboxServer(graphRoot: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), "caunoi-e2e-inbox-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["src/server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      CAUNOI_ADMIN_EMAIL: adminEmail,
      CAUNOI_ADMIN_PASSWORD: adminPassword,
      CAUNOI_DEMO_PASSWORD: demoPassword,
      CAUNOI_GRAPH_API_URL: graphRoot,
      FACEBOOK_APP_SECRET: appSecret,
      FACEBOOK_VERIFY_TOKEN: verifyToken,
      SMTP_URL: smtp.url,
      DATABASE_URL: "",
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  process.on("exit", () => child.kill("SIGKILL"));
  await waitUntilReady(url, child, 180_000, () => output);
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByRole("textbox", { name: /^E-mail/ }).fill(email);
  await page.getByLabel(/^Mật khẩu/).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((address) => !/^\/(sign-in)?$/.test(address.pathname));
}

/** The administrator's API calls, with the session's CSRF token. */
async function adminApi(request: APIRequestContext, url: string) {
  const session = await (await request.get(`${url}/api/auth/session`)).json();
  const call = async (method: "GET" | "POST" | "PUT", path: string, data?: unknown) => {
    const response = await request.fetch(`${url}${path}`, {
      method,
      headers: { "x-csrf-token": session.csrfToken },
      ...(data === undefined ? {} : { data }),
    });
    const text = await response.text();
    assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${text}`);
    return JSON.parse(text);
  };
  return call;
}

/** Today in Vietnam (YYYY-MM-DD). */
const vietnamDay = (at = new Date()) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

test("the officer on duty sees a comment and a message arrive live on a phone and answers each once with a canned reply", async (t) => {
  const messenger = await startFakeMessenger();
  const graph = await startFakeGraph({ pageId: messenger.pageId, token: messenger.token });
  const router = await startGraphRouter(graph, messenger);
  const server = await startInboxServer(router.origin);
  const admin = await phonePage();
  const officer = await phonePage();
  const step = stepsOf(t, () => [officer.page, admin.page]);
  const facebook = fakeFacebook({ origin: server.url, appSecret, verifyToken });
  const run = randomBytes(3).toString("hex");
  const commenter = { id: `e2e-commenter-${run}`, name: "Nguyễn Thị Mai" };
  const psid = `e2e-psid-${run}`;
  const commentId = `${messenger.pageId.slice(-6)}_${run}1`;
  const commentText = `Cho hỏi khi nào đường vào thôn Nà Mụ được sửa? (${run})`;
  const messageText = `Tôi muốn hỏi thủ tục xin giấy phép sửa nhà (${run})`;
  let unitId = "";
  let unitName = "";
  try {
    await step(
      "the province's fanpage is connected and Meta's webhook subscription is verified",
      async () => {
        await signIn(admin.page, server.url, adminEmail, adminPassword);
        const call = await adminApi(admin.page.request, server.url);
        const found = await call("GET", `/api/channels?q=${encodeURIComponent("Thông tin Tuyên Quang")}`);
        const fanpage = found.items.find(
          (channel: { platform: string }) => channel.platform === "facebook_page",
        );
        assert.ok(fanpage, "the demo fanpage is in the registry");
        unitId = fanpage.unitId;
        await call("PUT", `/api/channels/${fanpage.id}/connection`, {
          token: messenger.token,
          accountId: messenger.pageId,
        });
        const unit = await call("GET", `/api/units/${unitId}`);
        unitName = unit.name;
        assert.deepEqual(await facebook.subscribe(), { verified: true, status: 200 });
      },
    );

    await step("the officer is the only one on duty now, and the unit has a canned reply", async () => {
      const call = await adminApi(admin.page.request, server.url);
      const people = await call("GET", `/api/people?q=${encodeURIComponent(officerName)}&pageSize=5`);
      const officerId = people.items.find((person: { email: string }) => person.email === officerEmail)?.id;
      assert.ok(officerId, "the demo editor on duty exists");
      const slot = await call("POST", "/api/roster/slots", {
        unitId,
        name: `Trực cả ngày ${run}`,
        start: "00:00",
        end: "24:00",
      });
      const today = vietnamDay();
      // Whoever else the roster puts on duty now steps aside, so round-robin has one choice.
      const month = await call("GET", `/api/roster/month?unitId=${unitId}&month=${today.slice(0, 7)}`);
      const now = Date.now();
      for (const shift of month.shifts as {
        day: string;
        slotId: string | null;
        startsAt: string;
        endsAt: string;
      }[]) {
        if (shift.slotId && Date.parse(shift.startsAt) <= now && now < Date.parse(shift.endsAt)) {
          await call("PUT", "/api/roster/shifts", {
            unitId,
            day: shift.day,
            slotId: shift.slotId,
            personIds: [],
          });
        }
      }
      await call("PUT", "/api/roster/shifts", {
        unitId,
        day: today,
        slotId: slot.id,
        personIds: [officerId],
      });
      const onDuty = await call("GET", `/api/roster/on-duty?unitId=${unitId}`);
      assert.deepEqual(
        onDuty.onDuty.map((person: { fullName: string }) => person.fullName),
        [officerName],
      );
      await call("POST", "/api/inbox/canned-replies", {
        unitId,
        shortcut: `tiepnhan${run}`,
        title: "Tiếp nhận ý kiến",
        body: "Chào {ten}, {don_vi} đã tiếp nhận ý kiến và sẽ trả lời trong ngày.",
      });
    });

    await step("on her phone, the officer opens the inbox and it is live", async () => {
      await signIn(officer.page, server.url, officerEmail, demoPassword);
      await officer.page.goto(`${server.url}/inbox`);
      await officer.page.getByText("Đang cập nhật trực tiếp").waitFor();
      // Set once; a reload would lose it.
      await officer.page.evaluate(() => {
        (window as unknown as { inboxNotReloaded: boolean }).inboxNotReloaded = true;
      });
    });

    await step(
      "Facebook delivers a comment and a message; both appear, assigned to her, without reload",
      async () => {
        messenger.addComment({ id: commentId, fromPsid: commenter.id });
        messenger.userWrote(psid, new Date());
        const comment = await facebook.deliver(
          pageDelivery({
            pageId: messenger.pageId,
            changes: [
              feedComment({ pageId: messenger.pageId, commentId, from: commenter, message: commentText }),
            ],
          }),
        );
        assert.equal(comment.acknowledged, true);
        const message = await facebook.deliver(
          pageDelivery({
            pageId: messenger.pageId,
            messaging: [messengerMessage({ pageId: messenger.pageId, psid, text: messageText })],
          }),
        );
        assert.equal(message.acknowledged, true);
        const rows = officer.page.getByTestId("conversation-row");
        const commentRow = rows.filter({ hasText: commentText });
        const messageRow = rows.filter({ hasText: messageText });
        await commentRow.waitFor();
        await messageRow.waitFor();
        await commentRow.getByText(commenter.name).waitFor();
        await commentRow.getByText("Bình luận").waitFor();
        await messageRow.getByText("Tin nhắn").waitFor();
        assert.match((await commentRow.innerText()).replace(/\s+/g, " "), new RegExp(officerName));
        assert.match((await messageRow.innerText()).replace(/\s+/g, " "), new RegExp(officerName));
        assert.equal(
          await officer.page.evaluate(
            () => (window as unknown as { inboxNotReloaded?: boolean }).inboxNotReloaded,
          ),
          true,
        );
        await phoneScreenshot(officer.page, "90-inbox-live");
      },
    );

    /** Opens the conversation, picks the canned reply by its shortcut and sends it with a double tap. */
    const answerWithCannedReply = async (rowText: string, addressedAs: string) => {
      const page = officer.page;
      await page.getByTestId("conversation-row").filter({ hasText: rowText }).click();
      await page.waitForURL(/\/inbox\/c\/[0-9a-f-]{36}/);
      const box = page.getByRole("textbox", { name: "Nội dung trả lời" });
      await box.click();
      await box.pressSequentially(`/tiepnhan${run}`);
      await page
        .getByTestId("suggestions")
        .getByRole("option", { name: /Tiếp nhận ý kiến/ })
        .waitFor();
      await box.press("Enter");
      assert.equal(
        await box.inputValue(),
        `Chào ${addressedAs}, ${unitName} đã tiếp nhận ý kiến và sẽ trả lời trong ngày.`,
      );
      // A double tap on a slow network must still send one reply.
      await page.getByTestId("composer-send").dblclick();
      await page
        .getByTestId("message-out")
        .filter({ hasText: `Chào ${addressedAs}, ${unitName}` })
        .waitFor();
      assert.equal(await page.getByTestId("send-failed").count(), 0);
    };

    await step("she answers the comment publicly with the canned reply", async () => {
      await answerWithCannedReply(commentText, commenter.name);
      await officer.page.getByText("Trả lời công khai dưới bình luận").first().waitFor();
      await phoneScreenshot(officer.page, "91-inbox-comment-answered");
      await officer.page.getByRole("link", { name: "← Hộp thư" }).click();
      await officer.page.waitForURL(/\/inbox(\?.*)?$/);
    });

    await step("she answers the message inside Messenger's window with the canned reply", async () => {
      // Messenger gives no name: the canned reply's {ten} addresses the citizen as anh/chị.
      await answerWithCannedReply(messageText, "anh/chị");
      await officer.page.getByText(/Còn \d+ giờ để trả lời qua Messenger/).waitFor();
      await phoneScreenshot(officer.page, "92-inbox-message-answered");
    });

    await step(
      "the citizen writes again: the open conversation shows it, and who else is looking",
      async () => {
        const again = `Cảm ơn, tôi cần mang theo giấy tờ gì? (${run})`;
        messenger.userWrote(psid, new Date());
        const delivered = await facebook.deliver(
          pageDelivery({
            pageId: messenger.pageId,
            messaging: [messengerMessage({ pageId: messenger.pageId, psid, text: again })],
          }),
        );
        assert.equal(delivered.acknowledged, true);
        await officer.page.getByTestId("message-in").filter({ hasText: again }).waitFor();
        // The administrator opens the same conversation on another phone.
        await admin.page.goto(officer.page.url());
        await admin.page.getByTestId("composer").waitFor();
        await officer.page
          .getByTestId("presence")
          .getByText(/cũng đang xem hội thoại này/)
          .waitFor();
        assert.equal(
          await officer.page.evaluate(
            () => (window as unknown as { inboxNotReloaded?: boolean }).inboxNotReloaded,
          ),
          true,
        );
        await phoneScreenshot(officer.page, "93-inbox-live-thread");
      },
    );

    await step("the fake Facebook received exactly one reply to each", async () => {
      const expected = `${unitName} đã tiếp nhận ý kiến và sẽ trả lời trong ngày.`;
      await eventually(() => (messenger.comments.get(commentId)?.replies.length ?? 0) >= 1, {
        what: "the comment reply",
      });
      // Later duplicates would arrive within this time.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const replies = messenger.comments.get(commentId)?.replies ?? [];
      assert.equal(replies.length, 1);
      assert.equal(replies[0]?.message, `Chào ${commenter.name}, ${expected}`);
      const sent = messenger.sent.filter((message) => message.recipient.id === psid);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]?.text, `Chào anh/chị, ${expected}`);
      assert.equal(messenger.sendCalls().length, 1, "no other Send API call (no auto-reply while on duty)");
    });
  } finally {
    await officer.close();
    await admin.close();
    await server.stop();
    await new Promise((resolve) => router.server.close(resolve));
    await graph.close();
    await messenger.close();
  }
});

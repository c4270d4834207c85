import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { inboxContacts, inboxConversations, inboxMessages } from "../../../db/schema/inbox.ts";
import { registerChannel } from "../../channels/index.ts";
import { findUnitByCodeOrId } from "../../org/index.ts";
import { insertConversation } from "../live/live.test-helper.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let code = "";
let leftAdmin: SessionClient;
let rightAdmin: SessionClient;
let leftOfficer: SessionClient;

/** A citizen's browser: its own address, so the per-address limit is not shared by every test. */
let nextAddress = 1;
const citizen = () => `203.0.113.${nextAddress++}`;

const ask = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url: "/api/public/questions", payload, headers, remoteAddress: citizen() });

const postForm = (fields: Record<string, string>) =>
  t.app.inject({
    method: "POST",
    url: `/u/${code}/hoi-dap`,
    payload: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    remoteAddress: citizen(),
  });

async function portalConversations(unitId: string) {
  return t.db
    .select()
    .from(inboxConversations)
    .where(eq(inboxConversations.channelKey, `portal:${unitId}`));
}

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  code = (await findUnitByCodeOrId(t.db, org.left.id))?.code ?? "";
  await registerChannel(
    { db: t.db, actor: null, ip: null },
    {
      unitId: org.left.id,
      platform: "website",
      url: `https://hoi-dap-${Date.now()}.gov.vn`,
      displayName: "Cổng xã",
    },
  );
  leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
  rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
  const officer = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
  leftOfficer = await signInAs(t.app, officer.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

describe("asking a unit through its portal", () => {
  it("makes one conversation per asker: the same e-mail asking again joins the thread", async () => {
    const first = await ask({
      unitId: org.left.id,
      name: "Nguyễn Thị Hoa",
      email: "Hoa.Nguyen@Example.vn",
      text: "Khi nào khu phố 3 có nước máy trở lại?",
    });
    expect(first.statusCode).toBe(201);
    const second = await ask({
      unitId: org.left.id,
      email: "hoa.nguyen@example.vn",
      text: "Xin hỏi thêm: có xe chở nước không?",
    });
    expect(second.statusCode).toBe(201);
    const conversations = await portalConversations(org.left.id);
    expect(conversations).toHaveLength(1);
    const [conversation] = conversations;
    expect(conversation).toMatchObject({
      source: "portal",
      kind: "question",
      channelId: null,
      unitId: org.left.id,
    });
    const messages = await t.db
      .select()
      .from(inboxMessages)
      .where(eq(inboxMessages.conversationId, conversation?.id ?? ""));
    expect(messages.map((message) => message.text).sort()).toEqual([
      "Khi nào khu phố 3 có nước máy trở lại?",
      "Xin hỏi thêm: có xe chở nước không?",
    ]);
    const [contact] = await t.db
      .select()
      .from(inboxContacts)
      .where(eq(inboxContacts.id, conversation?.contactId ?? ""));
    expect(contact?.displayName).toBe("Nguyễn Thị Hoa");
    expect(contact?.email?.toLowerCase()).toBe("hoa.nguyen@example.vn");
    // The key the thread is found by is not the address itself.
    expect(contact?.externalId).not.toContain("example.vn");
  });

  it("says what is missing, in the asker's language, and writes nothing", async () => {
    const before = (await portalConversations(org.left.id)).length;
    const noEmail = await ask({ unitId: org.left.id, text: "Câu hỏi" });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().code).toBe("inbox.question_email_missing");
    const noText = await ask({ unitId: org.left.id, email: "a@example.vn", text: "   " });
    expect(noText.json().code).toBe("inbox.question_text_empty");
    expect(noEmail.json().detail).toContain("Vui lòng nhập địa chỉ e-mail");
    const english = await ask(
      { unitId: org.left.id, email: "not-an-address", text: "A question" },
      { "accept-language": "en-GB,en;q=0.9" },
    );
    expect(english.json().code).toBe("inbox.question_email_invalid");
    expect(english.json().detail).toContain("so the answer can reach you");
    const tooLong = await ask({ unitId: org.left.id, email: "a@example.vn", text: "x".repeat(5001) });
    expect(tooLong.json().code).toBe("inbox.question_text_too_long");
    const noUnit = await ask({ unitId: crypto.randomUUID(), email: "a@example.vn", text: "Câu hỏi" });
    expect(noUnit.statusCode).toBe(404);
    expect((await portalConversations(org.left.id)).length).toBe(before);
  });

  it("refuses a robot that fills in the hidden field", async () => {
    const before = (await portalConversations(org.left.id)).length;
    const robot = await ask({
      unitId: org.left.id,
      email: "bot@example.vn",
      text: "Mua thuốc giá rẻ",
      homepageUrl: "https://spam.example",
    });
    expect(robot.statusCode).toBe(400);
    expect(robot.json().code).toBe("inbox.question_refused");
    const form = await postForm({
      email: "bot@example.vn",
      text: "Mua thuốc",
      homepageUrl: "https://spam.example",
    });
    expect(form.statusCode).toBe(400);
    expect((await portalConversations(org.left.id)).length).toBe(before);
  });
});

describe("the portal's Hỏi đáp page", () => {
  it("is linked from every page of the portal, and offers the form", async () => {
    const home = await t.app.inject({ method: "GET", url: `/u/${code}` });
    expect(home.body).toContain(`/u/${code}/hoi-dap">Hỏi đáp</a>`);
    const page = await t.app.inject({ method: "GET", url: `/u/${code}/hoi-dap` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('<form class="ask" method="post"');
    expect(page.body).toContain('name="email" type="email"');
    expect(page.body).toContain("Chưa có câu hỏi nào được đăng.");
  });

  it("takes a question from the plain form and thanks the asker", async () => {
    const response = await postForm({
      name: "Trần Văn Nam",
      email: "nam.tran@example.vn",
      text: "Làm căn cước cho con dưới 14 tuổi cần giấy tờ gì?",
      homepageUrl: "",
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`http://caunoi.test/u/${code}/hoi-dap?da-gui=1`);
    const thanks = await t.app.inject({ method: "GET", url: `/u/${code}/hoi-dap?da-gui=1` });
    expect(thanks.body).toContain("Cảm ơn bạn đã gửi câu hỏi.");
    const [contact] = await t.db
      .select()
      .from(inboxContacts)
      .where(eq(inboxContacts.email, "nam.tran@example.vn"));
    const conversations = await t.db
      .select()
      .from(inboxConversations)
      .where(eq(inboxConversations.contactId, contact?.id ?? ""));
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.lastMessagePreview).toContain("căn cước");
  });

  it("gives the form back as typed, escaped, with the reason", async () => {
    const response = await postForm({ name: '<b>"Tí"</b>', email: "", text: "<script>alert('x')</script>" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Vui lòng nhập địa chỉ e-mail");
    expect(response.body).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</textarea>");
    expect(response.body).toContain('value="&lt;b&gt;&quot;Tí&quot;&lt;/b&gt;"');
    expect(response.body).not.toContain("<script>alert");
  });

  it("shows a published question and answer without the asker's name, escaped", async () => {
    await ask({
      unitId: org.left.id,
      name: "Phạm Thị Lan",
      email: "lan.pham@example.vn",
      text: "Tôi là Lan ở tổ 5, xin hỏi <b>lịch</b> tiêm chủng tháng này?",
    });
    const [contact] = await t.db
      .select()
      .from(inboxContacts)
      .where(eq(inboxContacts.email, "lan.pham@example.vn"));
    const [conversation] = await t.db
      .select()
      .from(inboxConversations)
      .where(eq(inboxConversations.contactId, contact?.id ?? ""));
    const url = `/api/inbox/conversations/${conversation?.id}/publish-answer`;
    const payload = {
      question: "Xin hỏi <b>lịch</b> tiêm chủng tháng này?",
      answer: "Trạm y tế tiêm vào sáng thứ Tư hằng tuần <script>x()</script>.",
    };
    // Publishing is the unit's inbox managers' business: a duty officer may answer, not publish.
    expect((await leftOfficer.request({ method: "POST", url, payload })).statusCode).toBe(403);
    const sibling = await rightAdmin.request({ method: "POST", url, payload });
    expect(sibling.statusCode).toBe(403);
    expect(sibling.json().code).toBe("inbox.conversation_forbidden");
    const published = await leftAdmin.request({ method: "POST", url, payload });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ question: payload.question, answer: payload.answer });

    const page = (await t.app.inject({ method: "GET", url: `/u/${code}/hoi-dap` })).body;
    expect(page).toContain("Hỏi: Xin hỏi &lt;b&gt;lịch&lt;/b&gt; tiêm chủng tháng này?");
    expect(page).toContain("&lt;script&gt;x()&lt;/script&gt;");
    expect(page).not.toContain("<script>x()");
    expect(page).not.toContain("Phạm Thị Lan");
    expect(page).not.toContain("lan.pham@example.vn");
    const list = await t.app.inject({ method: "GET", url: `/api/public/units/${code}/answers` });
    expect(list.json()).toMatchObject({ total: 1, page: 1, items: [{ question: payload.question }] });
    expect(list.body).not.toContain("Lan");

    // Taken down by its unit, never by a sibling's administrator.
    const id = published.json().id as string;
    const refused = await rightAdmin.request({ method: "DELETE", url: `/api/inbox/published-answers/${id}` });
    expect(refused.statusCode).toBe(403);
    const removed = await leftAdmin.request({ method: "DELETE", url: `/api/inbox/published-answers/${id}` });
    expect(removed.json()).toEqual({ ok: true });
    expect((await t.app.inject({ method: "GET", url: `/u/${code}/hoi-dap` })).body).not.toContain(
      "tiêm chủng",
    );
  });

  it("publishes only portal questions", async () => {
    const facebook = await insertConversation(t.db, org.left.id, "psid-publish");
    const response = await leftAdmin.request({
      method: "POST",
      url: `/api/inbox/conversations/${facebook}/publish-answer`,
      payload: { question: "Hỏi", answer: "Đáp" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("inbox.publish_not_a_portal_question");
  });

  it("answers a form in an encoding it does not read with a page, not a server fault", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: `/u/${code}/hoi-dap`,
      payload: "email=a@example.vn",
      headers: { "content-type": "text/plain" },
      remoteAddress: citizen(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("text/html");
  });
});

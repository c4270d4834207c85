import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../../test/helpers/eventually.ts";
import { makeOrganisation, makePerson, signInAs } from "../../../../../test/helpers/factories.ts";
import { incoming, messagesOf } from "../../../../../test/helpers/inbox-outbound.ts";
import { readableMail, startSmtpServer } from "../../../../../test/helpers/smtp.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { inboxSettings } from "../../../db/schema/inbox.ts";

/* A portal question is answered by e-mail to the asker, through the mail job and a real SMTP server. */

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("answering a portal question", () => {
  it("mails the answer to the asker and shows the reply as sent once queued", async () => {
    const org = await makeOrganisation(t.db);
    await t.db.insert(inboxSettings).values({ unitId: org.left.id, autoReplyEnabled: false });
    const person = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
    const officer = await signInAs(t.app, person.email ?? "");
    const { conversationId } = await incoming(t, {
      source: "portal",
      unitId: org.left.id,
      channelKey: `portal:${org.left.id}`,
      kind: "question",
      externalId: null,
      contact: { externalId: "asker-1", displayName: "Hoàng Thị Hỏi", email: "hoi.dap@example.vn" },
      text: "Xin hỏi lịch tiêm chủng tháng 12?",
    });
    const answered = await officer.request({
      method: "POST",
      url: `/api/inbox/conversations/${conversationId}/replies`,
      payload: { text: "Lịch tiêm chủng là thứ Năm hằng tuần tại trạm y tế xã." },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().sendStatus).toBe("sent");
    const mail = await eventually(() => smtp.inbox.find((m) => m.to.includes("hoi.dap@example.vn")), {
      what: "the answer mailed to the asker",
    });
    const text = readableMail(mail);
    expect(text).toContain("Lịch tiêm chủng là thứ Năm hằng tuần tại trạm y tế xã.");
    expect(text).toContain("Hoàng Thị Hỏi");
    expect(smtp.inbox.filter((m) => m.to.includes("hoi.dap@example.vn"))).toHaveLength(1);
    const out = (await messagesOf(t, conversationId)).filter((m) => m.direction === "out");
    expect(out.map((m) => m.sendStatus)).toEqual(["sent"]);
  });

  it("refuses to answer an asker without an e-mail address, before writing anything", async () => {
    const org = await makeOrganisation(t.db);
    const person = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
    const officer = await signInAs(t.app, person.email ?? "");
    const { conversationId } = await incoming(t, {
      source: "portal",
      unitId: org.left.id,
      channelKey: `portal:${org.left.id}`,
      kind: "question",
      externalId: null,
      contact: { externalId: "asker-2", displayName: "Ẩn danh" },
    });
    const refused = await officer.request({
      method: "POST",
      url: `/api/inbox/conversations/${conversationId}/replies`,
      payload: { text: "Trả lời" },
    });
    expect(refused.json().code).toBe("inbox.asker_without_email");
    expect((await messagesOf(t, conversationId)).filter((m) => m.direction === "out")).toHaveLength(0);
  });
});

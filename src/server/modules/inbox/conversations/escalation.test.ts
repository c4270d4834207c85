import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { readableMail, startSmtpServer } from "../../../../../test/helpers/smtp.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { notifications } from "../../../db/schema/index.ts";
import { incoming } from "./conversations.test-helper.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let leftOfficer: SessionClient;
let rootOfficer: SessionClient;
let leftAdmin: SessionClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  org = await makeOrganisation(t.db);
  const officer = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
  const provincial = await makePerson(t.db, { unitId: org.root.id, roles: ["duty_officer"] });
  leftOfficer = await signInAs(t.app, officer.email ?? "");
  rootOfficer = await signInAs(t.app, provincial.email ?? "");
  leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const escalate = (id: string, to: object | "parent", note?: string) =>
  leftOfficer.request({
    method: "POST",
    url: `/api/inbox/conversations/${id}/escalate`,
    payload: { to, note },
  });

describe("escalation", () => {
  it("to the parent unit: listed there as escalated to it, and its inbox managers are told", async () => {
    const id = await incoming(t, { unitId: org.left.id, text: "Việc vượt thẩm quyền xã" });
    const before = await rootOfficer.request({
      method: "GET",
      url: "/api/inbox/conversations?escalated=to_us",
    });
    expect(before.json().items).toEqual([]);
    const response = await escalate(id, "parent", "Xin tỉnh hỗ trợ");
    expect(response.statusCode, response.body).toBe(200);
    const after = await rootOfficer.request({
      method: "GET",
      url: "/api/inbox/conversations?escalated=to_us",
    });
    expect(after.json().items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect(after.json().items[0].escalated).toBe(true);
    const seen = await rootOfficer.request({ method: "GET", url: `/api/inbox/conversations/${id}` });
    expect(seen.json().conversation.escalatedToUnit).toEqual({ id: org.root.id, name: org.root.name });
    expect(seen.json().messages.map((m: { text: string }) => m.text)).toEqual([
      "Việc vượt thẩm quyền xã",
      "Xin tỉnh hỗ trợ",
    ]);
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, org.rootAdmin.id), eq(notifications.kind, "inbox.escalated")));
    expect(told.map((row) => row.link)).toEqual([`/inbox/c/${id}`]);
    const again = await escalate(id, "parent");
    expect(again.json().code).toBe("inbox.already_escalated");
  });

  it("to an office: the conversation waits on it and the office gets the history by e-mail, with a link", async () => {
    const office = await leftAdmin.request({
      method: "POST",
      url: "/api/inbox/offices",
      payload: { unitId: org.left.id, name: "Trạm Y tế xã", email: "Tram.YTe@example.vn" },
    });
    expect(office.statusCode, office.body).toBe(200);
    const badEmail = await leftAdmin.request({
      method: "POST",
      url: "/api/inbox/offices",
      payload: { unitId: org.left.id, name: "Sai", email: "khong-phai-thu" },
    });
    expect(badEmail.json().code).toBe("inbox.office_email_invalid");
    const id = await incoming(t, { unitId: org.left.id, text: "Con tôi sốt cao, tiêm ở đâu?" });
    expect((await escalate(id, { officeId: crypto.randomUUID() })).statusCode).toBe(404);
    const response = await escalate(id, { officeId: office.json().id }, "Nhờ trạm trả lời");
    expect(response.statusCode, response.body).toBe(200);
    const seen = await leftOfficer.request({ method: "GET", url: `/api/inbox/conversations/${id}` });
    expect(seen.json().conversation).toMatchObject({
      status: "pending",
      pendingReason: "office",
      escalatedToOffice: { id: office.json().id, name: "Trạm Y tế xã" },
    });
    expect(seen.json().events.map((event: { kind: string }) => event.kind)).toContain("escalated");
    const mail = await eventually(() => smtp.inbox.find((m) => m.to.includes("tram.yte@example.vn")), {
      what: "the mail to the health station",
    });
    const text = readableMail(mail);
    expect(text).toContain("Con tôi sốt cao, tiêm ở đâu?");
    expect(text).toContain("Nhờ trạm trả lời");
    expect(text).toContain(`http://caunoi.test/inbox/c/${id}`);
    const offices = await leftOfficer.request({
      method: "GET",
      url: `/api/inbox/offices?unitId=${org.left.id}`,
    });
    expect(offices.json().items.map((item: { name: string }) => item.name)).toEqual(["Trạm Y tế xã"]);
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    const sibling = await rightAdmin.request({
      method: "DELETE",
      url: `/api/inbox/offices/${office.json().id}`,
    });
    expect(sibling.statusCode).toBe(403);
    expect(sibling.json().code).toBe("inbox.unit_forbidden");
    const siblingList = await rightAdmin.request({ method: "GET", url: "/api/inbox/offices" });
    expect(siblingList.json().items).toEqual([]);
  });
});

import { eq } from "drizzle-orm";
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
import { verificationTips } from "../../../db/schema/index.ts";
import { registerChannel } from "../../channels/index.ts";
import { publicVerdictOfCase } from "../index.ts";
import { casesBehind, tellReporters } from "./reporter-mail.ts";
import { insertCase, insertTip } from "./test-support.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let checker: SessionClient;
let approver: SessionClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  org = await makeOrganisation(t.db);
  await registerChannel(
    { db: t.db, actor: null, ip: null },
    {
      unitId: org.left.id,
      platform: "website",
      url: `https://xa-${org.left.id.slice(0, 6)}.gov.vn`,
      displayName: "Trang tin của xã",
    },
  );
  const [c, a] = await Promise.all([
    makePerson(t.db, { unitId: org.left.id, roles: ["checker"] }),
    makePerson(t.db, { unitId: org.left.id, roles: ["approver"] }),
  ]);
  checker = await signInAs(t.app, c.email ?? "");
  approver = await signInAs(t.app, a.email ?? "");
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

const mailsTo = (address: string) => smtp.inbox.filter((mail) => mail.to.includes(address));

describe("reporters told of the verdict", () => {
  it("e-mails every reporter of the case and of the cases merged into it, once per publication", async () => {
    const caseId = await insertCase(t.db, { unitId: org.left.id });
    const mergedId = await insertCase(t.db, { unitId: org.left.id, mergedIntoId: caseId });
    const first = await insertTip(t.db, { caseId, unitId: org.left.id, email: "nguoibao1@example.vn" });
    await insertTip(t.db, { caseId, unitId: org.left.id, email: null });
    const second = await insertTip(t.db, {
      caseId: mergedId,
      unitId: org.left.id,
      email: "nguoibao2@example.vn",
    });

    await checker.request({
      method: "PUT",
      url: `/api/cases/${caseId}/verdict`,
      payload: {
        label: "fake",
        claimReviewed: "Phát tiền hỗ trợ qua đường link lạ",
        explanation: "Không có chương trình nào như vậy.",
      },
    });
    await approver.request({ method: "POST", url: `/api/cases/${caseId}/verdict/sign-off` });
    const published = await approver.request({ method: "POST", url: `/api/cases/${caseId}/verdict/publish` });
    const articleUrl: string = published.json().verdict.articleUrl;

    await eventually(
      () => mailsTo("nguoibao1@example.vn").length === 1 && mailsTo("nguoibao2@example.vn").length === 1,
      {
        what: "the letters to both reporters",
      },
    );
    const letter = readableMail(mailsTo("nguoibao2@example.vn")[0] ?? { to: [], raw: "" });
    expect(letter).toContain("Kính gửi Quý ông/bà,");
    expect(letter).toContain("Tin giả");
    expect(letter).toContain(articleUrl);
    expect(letter).toContain(`http://caunoi.test/bao-tin/${second.trackingCode}`);
    expect(letter).toContain("Trân trọng,");
    await eventually(
      async () => {
        const tips = await t.db.select().from(verificationTips).where(eq(verificationTips.id, first.id));
        return tips[0]?.notifiedVersion === 1;
      },
      { what: "the first reporter marked told" },
    );
    // The merged case's reporter sees the answer of the case it was merged into.
    expect(await publicVerdictOfCase(t.db, mergedId)).toMatchObject({ label: "fake", version: 1 });

    // Run again, and as if the process had died after queueing the letter but before marking the tip:
    // the same letter is not sent twice.
    const deps = { db: t.db, jobs: t.jobs, publicUrl: "http://caunoi.test" };
    expect(await tellReporters(deps, caseId)).toBe(0);
    expect(await casesBehind(t.db)).not.toContain(caseId);
    await t.db.update(verificationTips).set({ notifiedVersion: 0 }).where(eq(verificationTips.id, first.id));
    // The sweep finds the case again (as it would a case whose job was lost with its process).
    expect(await casesBehind(t.db)).toContain(caseId);
    expect(await tellReporters(deps, caseId)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(mailsTo("nguoibao1@example.vn")).toHaveLength(1);

    // A correction tells them again, with what was corrected.
    await approver.request({ method: "POST", url: `/api/cases/${caseId}/verdict/pause` });
    await checker.request({
      method: "PUT",
      url: `/api/cases/${caseId}/verdict`,
      payload: {
        label: "false",
        claimReviewed: "Phát tiền hỗ trợ qua đường link lạ",
        explanation: "Có chương trình, nhưng không qua link.",
      },
    });
    await approver.request({ method: "POST", url: `/api/cases/${caseId}/verdict/sign-off` });
    const again = await approver.request({
      method: "POST",
      url: `/api/cases/${caseId}/verdict/publish`,
      payload: { note: "Chương trình hỗ trợ có thật nhưng chỉ nhận hồ sơ tại Ủy ban nhân dân xã." },
    });
    expect(again.statusCode).toBe(200);
    await eventually(
      () => mailsTo("nguoibao1@example.vn").length === 2 && mailsTo("nguoibao2@example.vn").length === 2,
      {
        what: "the correction letters",
      },
    );
    const correction = readableMail(mailsTo("nguoibao1@example.vn")[1] ?? { to: [], raw: "" });
    expect(correction).toContain("đã đính chính");
    expect(correction).toContain("Tin sai sự thật");
    expect(correction).toContain("chỉ nhận hồ sơ tại Ủy ban nhân dân xã");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.inbox).toHaveLength(4);
  });
  it("tells reporters a case closed without publication was answered, without an article link, once", async () => {
    const caseId = await insertCase(t.db, { unitId: org.left.id });
    const tip = await insertTip(t.db, { caseId, unitId: org.left.id, email: "nguoibao3@example.vn" });
    await checker.request({
      method: "PUT",
      url: `/api/cases/${caseId}/verdict`,
      payload: {
        label: "insufficient_evidence",
        claimReviewed: "Sắp có bão lớn đổ bộ",
        explanation: "Chưa có nguồn.",
      },
    });
    const signed = await approver.request({ method: "POST", url: `/api/cases/${caseId}/verdict/sign-off` });
    expect(signed.json().caseStatus).toBe("closed");
    await eventually(() => mailsTo("nguoibao3@example.vn").length === 1, { what: "the closing letter" });
    const letter = readableMail(mailsTo("nguoibao3@example.vn")[0] ?? { to: [], raw: "" });
    expect(letter).toContain("chưa đủ căn cứ");
    expect(letter).toContain(`http://caunoi.test/bao-tin/${tip.trackingCode}`);
    expect(letter).not.toContain("/u/");
    // The job run again (a retry) queues the same letter, which is not sent twice.
    await tellReporters({ db: t.db, jobs: t.jobs, publicUrl: "http://caunoi.test" }, caseId);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(mailsTo("nguoibao3@example.vn")).toHaveLength(1);
  });
});

import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import {
  posts,
  verificationCases,
  verificationEvents,
  verificationVerdicts,
} from "../../../db/schema/index.ts";
import { registerChannel } from "../../channels/index.ts";
import { publicVerdictOfCase } from "../index.ts";
import { claimReviewProblems, insertCase, insertEvidence, jsonLdOf } from "./test-support.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let checker: SessionClient;
let approver: SessionClient;
let checkingApprover: SessionClient;
let siblingApprover: SessionClient;

const system = () => ({ db: t.db, actor: null, ip: null });

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  await registerChannel(system(), {
    unitId: org.left.id,
    platform: "website",
    url: `https://xa-ben-trai-${org.left.id.slice(0, 6)}.gov.vn`,
    displayName: "Trang tin Xã Bên Trái",
  });
  const people = await Promise.all([
    makePerson(t.db, { unitId: org.left.id, roles: ["checker"] }),
    makePerson(t.db, { unitId: org.left.id, roles: ["approver"] }),
    makePerson(t.db, { unitId: org.left.id, roles: ["checker", "approver"] }),
    makePerson(t.db, { unitId: org.right.id, roles: ["approver", "checker"] }),
  ]);
  [checker, approver, checkingApprover, siblingApprover] = (await Promise.all(
    people.map((person) => signInAs(t.app, person.email ?? "")),
  )) as [SessionClient, SessionClient, SessionClient, SessionClient];
});

afterAll(async () => {
  await t.close();
});

const verdictUrl = (caseId: string, action = "") =>
  `/api/cases/${caseId}/verdict${action ? `/${action}` : ""}`;

function draft(client: SessionClient, caseId: string, body: Record<string, unknown>) {
  return client.request({ method: "PUT", url: verdictUrl(caseId), payload: body });
}

function act(client: SessionClient, caseId: string, action: string, payload?: Record<string, unknown>) {
  return client.request({ method: "POST", url: verdictUrl(caseId, action), ...(payload ? { payload } : {}) });
}

async function servedArticle(articleUrl: string) {
  const response = await t.app.inject({ method: "GET", url: new URL(articleUrl).pathname });
  expect(response.statusCode).toBe(200);
  return response.body;
}

async function writtenFor(caseId: string) {
  const [postCount] = await t.db.select({ n: count() }).from(posts).where(eq(posts.unitId, org.left.id));
  const [verdict] = await t.db
    .select()
    .from(verificationVerdicts)
    .where(eq(verificationVerdicts.caseId, caseId));
  const [events] = await t.db
    .select({ n: count() })
    .from(verificationEvents)
    .where(eq(verificationEvents.caseId, caseId));
  const [row] = await t.db.select().from(verificationCases).where(eq(verificationCases.id, caseId));
  return { posts: postCount?.n, verdict, events: events?.n, caseStatus: row?.status };
}

describe("verdicts", () => {
  it("are drafted, signed off, published as a correction article, paused and corrected with a public log", async () => {
    const caseId = await insertCase(t.db, { unitId: org.left.id });
    await insertEvidence(t.db, {
      caseId,
      title: "Bộ Y tế: không có bằng chứng nước muối chữa cúm",
      url: "https://moh.gov.vn/tin-tuc/nuoc-muoi",
      note: "Thông cáo ngày 02/12/2026",
      authoritative: true,
    });
    await insertEvidence(t.db, {
      caseId,
      title: "Ghi chú nội bộ",
      url: "https://example.vn/noi-bo",
      isPublic: false,
    });

    const drafted = await draft(checker, caseId, {
      label: "fake",
      claimReviewed: "Uống nước muối loãng chữa khỏi bệnh cúm",
      explanation: "Bộ Y tế khẳng định nước muối không chữa được cúm.\n\nNgười bệnh cần đến cơ sở y tế.",
    });
    expect(drafted.statusCode).toBe(200);
    expect(drafted.json().verdict).toMatchObject({ status: "draft", label: "fake", version: 0 });
    expect(drafted.json().caseStatus).toBe("awaiting_signoff");

    // Publishing before sign-off is refused, in both languages, and nothing is written.
    const before = await writtenFor(caseId);
    const early = await act(approver, caseId, "publish");
    expect(early.statusCode).toBe(409);
    expect(early.headers["content-type"]).toContain("application/problem+json");
    expect(early.json().code).toBe("verification.verdict_not_signed_off");
    expect(JSON.stringify(early.json())).toContain("chưa được duyệt");
    expect(await writtenFor(caseId)).toEqual(before);

    // The approver's view offers sign-off; the checker's does not.
    expect((await approver.request({ method: "GET", url: verdictUrl(caseId) })).json().can).toMatchObject({
      signOff: true,
      publish: false,
    });
    expect((await checker.request({ method: "GET", url: verdictUrl(caseId) })).json().can.signOff).toBe(
      false,
    );

    const signed = await act(approver, caseId, "sign-off");
    expect(signed.statusCode).toBe(200);
    expect(signed.json().verdict.status).toBe("signed_off");
    expect(await publicVerdictOfCase(t.db, caseId)).toBeNull();

    const published = await act(approver, caseId, "publish");
    expect(published.statusCode).toBe(200);
    const first = published.json();
    expect(first.verdict).toMatchObject({ status: "published", version: 1 });
    expect(first.caseStatus).toBe("published");
    const articleUrl: string = first.verdict.articleUrl;
    expect(articleUrl).toMatch(/^http:\/\/caunoi\.test\/u\/.+\/.+/);

    const page = await servedArticle(articleUrl);
    expect(page).toContain("[Tin giả] Uống nước muối loãng chữa khỏi bệnh cúm");
    expect(page).toContain("Bộ Y tế: không có bằng chứng nước muối chữa cúm");
    expect(page).toContain("(nguồn chính thức)");
    expect(page).not.toContain("Ghi chú nội bộ");
    expect(page).toContain("/phuong-phap-xac-minh");
    const [review] = jsonLdOf(page).filter((item) => item["@type"] === "ClaimReview");
    expect(review).toBeDefined();
    expect(claimReviewProblems(review ?? {})).toEqual([]);
    expect(review).toMatchObject({
      claimReviewed: "Uống nước muối loãng chữa khỏi bệnh cúm",
      url: articleUrl,
      author: { "@type": "Organization", name: org.left.name },
      reviewRating: { alternateName: "Tin giả", ratingValue: 1, worstRating: 1, bestRating: 3 },
    });
    expect(await publicVerdictOfCase(t.db, caseId)).toMatchObject({
      label: "fake",
      version: 1,
      url: new URL(articleUrl).pathname,
    });

    // A published verdict is not edited in place.
    const inPlace = await draft(checker, caseId, {
      label: "false",
      claimReviewed: "Khác",
      explanation: "Khác",
    });
    expect(inPlace.statusCode).toBe(409);
    expect(inPlace.json().code).toBe("verification.verdict_published");

    const paused = await act(approver, caseId, "pause");
    expect(paused.statusCode).toBe(200);
    expect(paused.json().caseStatus).toBe("paused");
    const pausedPage = await servedArticle(articleUrl);
    expect(pausedPage).toContain("đang được xem xét lại để đính chính");
    expect(jsonLdOf(pausedPage)).toEqual([]);
    expect(await publicVerdictOfCase(t.db, caseId)).toBeNull();

    const changed = await draft(checker, caseId, {
      label: "false",
      claimReviewed: "Uống nước muối loãng chữa khỏi bệnh cúm",
      explanation: "Nước muối chỉ giúp làm sạch họng, không chữa khỏi cúm.",
    });
    expect(changed.json().verdict).toMatchObject({ status: "draft", version: 1 });
    expect((await act(approver, caseId, "sign-off")).statusCode).toBe(200);
    const noNote = await act(approver, caseId, "publish", {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().code).toBe("verification.verdict_note_required");
    const republished = await act(approver, caseId, "publish", {
      note: "Bổ sung: nước muối có tác dụng làm sạch họng nên nội dung chỉ sai một phần.",
    });
    expect(republished.statusCode).toBe(200);
    expect(republished.json().verdict).toMatchObject({ status: "published", version: 2, articleUrl });
    expect(republished.json().verdict.changes).toHaveLength(1);

    const corrected = await servedArticle(articleUrl);
    expect(corrected).toContain("Nhật ký đính chính");
    expect(corrected).toContain("Kết luận đổi từ “Tin giả” thành “Tin sai sự thật”");
    expect(corrected).toContain("nước muối có tác dụng làm sạch họng");
    expect(corrected).toContain("[Tin sai sự thật]");
    expect(corrected).not.toContain("đang được xem xét lại");
    const [again] = jsonLdOf(corrected);
    expect(claimReviewProblems(again ?? {})).toEqual([]);
    expect(again?.reviewRating).toMatchObject({ alternateName: "Tin sai sự thật", ratingValue: 2 });
    // Still one article: the correction kept its address.
    const [postCount] = await t.db
      .select({ n: count() })
      .from(posts)
      .where(eq(posts.title, "[Tin sai sự thật] Uống nước muối loãng chữa khỏi bệnh cúm"));
    expect(postCount?.n).toBe(1);
  });

  it("refuses signing off one's own draft", async () => {
    const caseId = await insertCase(t.db, { unitId: org.left.id });
    await draft(checkingApprover, caseId, {
      label: "true",
      claimReviewed: "Tỉnh tổ chức tiêm chủng miễn phí",
      explanation: "Đúng.",
    });
    const state = await checkingApprover.request({ method: "GET", url: verdictUrl(caseId) });
    expect(state.json()).toMatchObject({ ownDraft: true, can: { signOff: false } });
    const own = await act(checkingApprover, caseId, "sign-off");
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe("verification.verdict_own_draft");
    expect((await act(approver, caseId, "sign-off")).statusCode).toBe(200);
  });

  it("closes the case without publication for the non-public outcomes", async () => {
    const caseId = await insertCase(t.db, { unitId: org.left.id });
    await draft(checker, caseId, {
      label: "insufficient_evidence",
      claimReviewed: "Sắp có bão lớn đổ bộ",
      explanation: "Chưa có nguồn.",
    });
    const signed = await act(approver, caseId, "sign-off");
    expect(signed.json()).toMatchObject({ caseStatus: "closed", can: { publish: false } });
    const [row] = await t.db.select().from(verificationCases).where(eq(verificationCases.id, caseId));
    expect(row?.closedAt).not.toBeNull();
    expect(row?.verdictAt).not.toBeNull();
    const publish = await act(approver, caseId, "publish");
    expect(publish.statusCode).toBe(409);
    expect(publish.json().code).toBe("verification.verdict_not_public");
    expect(await publicVerdictOfCase(t.db, caseId)).toBeNull();
  });

  it("escapes HTML typed in the claim, the explanation and the evidence, in the article and its JSON-LD", async () => {
    const caseId = await insertCase(t.db, { unitId: org.left.id });
    const claim = `</script><script>alert("x")</script>"'&`;
    await insertEvidence(t.db, {
      caseId,
      title: `<img src=x onerror=alert(2)>Nguồn`,
      url: "javascript:alert(3)",
    });
    await draft(checker, caseId, {
      label: "fake",
      claimReviewed: claim,
      explanation: `<iframe src="https://evil.example"></iframe><b onclick="alert(4)">đậm</b>`,
    });
    await act(approver, caseId, "sign-off");
    const published = await act(approver, caseId, "publish");
    expect(published.statusCode).toBe(200);
    const page = await servedArticle(published.json().verdict.articleUrl);
    expect(page).not.toMatch(/<script>alert/);
    expect(page).not.toMatch(/<iframe/);
    expect(page).not.toMatch(/<img src=x/);
    expect(page).not.toMatch(/<[^>]*\bonclick=/);
    expect(page).not.toMatch(/<[^>]*\bonerror=/);
    expect(page).not.toContain("javascript:");
    expect(page).toContain("&lt;iframe");
    const [review] = jsonLdOf(page);
    expect(review?.claimReviewed).toBe(claim);
    expect(claimReviewProblems(review ?? {})).toEqual([]);
  });

  it("refuses a sibling unit's approver and a claim of 75 characters or more", async () => {
    const caseId = await insertCase(t.db, { unitId: org.left.id });
    await draft(checker, caseId, { label: "fake", claimReviewed: "Tin đồn", explanation: "Sai." });
    for (const [method, action] of [
      ["GET", ""],
      ["POST", "sign-off"],
      ["POST", "publish"],
      ["POST", "pause"],
    ] as const) {
      const response = await siblingApprover.request({ method, url: verdictUrl(caseId, action) });
      expect({ action, status: response.statusCode, code: response.json().code }).toEqual({
        action,
        status: 403,
        code: "verification.case_forbidden",
      });
    }
    const sibling = await draft(siblingApprover, caseId, {
      label: "true",
      claimReviewed: "x",
      explanation: "y",
    });
    expect(sibling.statusCode).toBe(403);
    const long = await draft(checker, caseId, {
      label: "fake",
      claimReviewed: "á".repeat(75),
      explanation: "y",
    });
    expect(long.statusCode).toBe(400);
    const [verdict] = await t.db
      .select()
      .from(verificationVerdicts)
      .where(eq(verificationVerdicts.caseId, caseId));
    expect(verdict?.claimReviewed).toBe("Tin đồn");
  });

  it("serves the methodology page", async () => {
    const response = await t.app.inject({ method: "GET", url: "/phuong-phap-xac-minh" });
    expect(response.statusCode).toBe(200);
    for (const label of [
      "Tin giả",
      "Tin sai sự thật",
      "Tin xác thực",
      "Chưa đủ căn cứ",
      "Ngoài phạm vi",
      "Chính sách đính chính",
    ]) {
      expect(response.body).toContain(label);
    }
  });
});

import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { queryRows } from "../../../db/client.ts";
import {
  plantDeskCase,
  plantFile,
  plantPublishedVerdict,
  plantSuggestion,
  plantTip,
} from "./desk.test-helper.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let checker: SessionClient;
let siblingChecker: SessionClient;

beforeAll(async () => {
  // The OCR worker is not what these tests look at: a missing program keeps it from reading uploads.
  process.env.TESSERACT_PATH = "/nonexistent/tesseract";
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const person = await makePerson(t.db, { unitId: org.left.id, roles: ["checker"] });
  const sibling = await makePerson(t.db, { unitId: org.right.id, roles: ["checker"] });
  checker = await signInAs(t.app, person.email ?? "");
  siblingChecker = await signInAs(t.app, sibling.email ?? "");
});
afterAll(async () => {
  await t?.close();
  delete process.env.TESSERACT_PATH;
});

const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: "#c0392b" } })
    .png()
    .toBuffer();

function upload(caseId: string, body: Buffer, query = "title=B%E1%BA%A3n%20l%C6%B0u") {
  return checker.request({
    method: "POST",
    url: `/api/cases/${caseId}/evidence/upload?${query}`,
    headers: { "content-type": "application/octet-stream" },
    payload: body,
  });
}

describe("evidence", () => {
  it("adds a source, refuses a javascript: address, and takes a source off softly", async () => {
    const row = await plantDeskCase(t.db, { unitId: org.left.id });
    const added = await checker.request({
      method: "POST",
      url: `/api/cases/${row.id}/evidence`,
      payload: {
        url: "https://moh.gov.vn/thong-bao",
        title: "Thông báo của Bộ Y tế",
        note: "Bộ Y tế khẳng định không có chương trình này",
        authoritative: true,
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ authoritative: true, isPublic: true, files: [] });

    for (const url of ["javascript:alert(1)", "ftp://example.vn/a", "data:text/html,<b>x</b>"]) {
      const refused = await checker.request({
        method: "POST",
        url: `/api/cases/${row.id}/evidence`,
        payload: { url, title: "Nguồn" },
      });
      expect(refused.statusCode, url).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
    }
    const empty = await checker.request({
      method: "POST",
      url: `/api/cases/${row.id}/evidence`,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);

    const removed = await checker.request({
      method: "DELETE",
      url: `/api/cases/${row.id}/evidence/${added.json().id}`,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const again = await checker.request({
      method: "DELETE",
      url: `/api/cases/${row.id}/evidence/${added.json().id}`,
    });
    expect(again.statusCode).toBe(404);
    const detail = (await checker.request({ method: "GET", url: `/api/cases/${row.id}` })).json();
    expect(detail.evidence).toEqual([]);
    expect(detail.timeline.map((event: { kind: string }) => event.kind)).toEqual([
      "evidence_added",
      "status",
      "evidence_removed",
    ]);
    const kept = await queryRows<{ removed_at: Date | null }>(
      t.db,
      sql`select removed_at from verification_evidence where case_id = ${row.id}`,
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]?.removed_at).not.toBeNull();

    const sibling = await siblingChecker.request({
      method: "POST",
      url: `/api/cases/${row.id}/evidence`,
      payload: { title: "Nguồn" },
    });
    expect(sibling.statusCode).toBe(403);
  });

  it("keeps an uploaded screenshot re-encoded and a PDF as is, refusing 20 MB and other types with nothing written", async () => {
    const row = await plantDeskCase(t.db, { unitId: org.left.id });
    const image = await upload(row.id, await png(), "title=%E1%BA%A2nh&authoritative=true&fileName=anh.png");
    expect(image.statusCode, image.body).toBe(201);
    expect(image.json()).toMatchObject({
      authoritative: true,
      files: [{ mimeType: "image/png", width: 64 }],
    });
    expect(image.json().files[0].ocrStatus).toMatch(/pending|unavailable/);

    const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    const archived = await upload(row.id, pdf, "url=https%3A%2F%2Fbaochinhphu.vn%2Fbai");
    expect(archived.statusCode, archived.body).toBe(201);
    const pdfFile = archived.json().files[0];
    expect(pdfFile).toMatchObject({ mimeType: "application/pdf", byteSize: pdf.length });

    const served = await checker.request({ method: "GET", url: `/api/cases/${row.id}/files/${pdfFile.id}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("application/pdf");
    expect(served.headers["content-disposition"]).toBe("inline");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.rawPayload.equals(pdf)).toBe(true);
    const servedImage = await checker.request({
      method: "GET",
      url: `/api/cases/${row.id}/files/${image.json().files[0].id}`,
    });
    expect(servedImage.headers["content-type"]).toBe("image/png");
    expect((await sharp(servedImage.rawPayload).metadata()).width).toBe(64);
    // The file is served only under its own case, and only to readers of that case.
    const elsewhere = await plantDeskCase(t.db, { unitId: org.left.id });
    const wrongCase = await checker.request({
      method: "GET",
      url: `/api/cases/${elsewhere.id}/files/${pdfFile.id}`,
    });
    expect(wrongCase.statusCode).toBe(404);
    const sibling = await siblingChecker.request({
      method: "GET",
      url: `/api/cases/${row.id}/files/${pdfFile.id}`,
    });
    expect(sibling.statusCode).toBe(403);

    const huge = Buffer.alloc(20 * 1024 * 1024, 0);
    Buffer.from("%PDF-1.4\n").copy(huge);
    const tooLarge = await upload(row.id, huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers["content-type"]).toContain("application/problem+json");
    expect(tooLarge.json()).toMatchObject({ code: "verification.evidence_file_too_large" });
    expect(tooLarge.json().detail ?? tooLarge.json().title).toMatch(/10 MB/);

    const html = await upload(row.id, Buffer.from("<html><script>alert(1)</script></html>"));
    expect(html.statusCode).toBe(415);
    expect(html.json().code).toBe("verification.evidence_file_type");
    const renamed = await upload(row.id, Buffer.from("MZ\x90\x00 not a picture"), "fileName=anh.png");
    expect(renamed.statusCode).toBe(415);
    const badUrl = await upload(row.id, await png(), "url=javascript%3Aalert(1)");
    expect(badUrl.statusCode).toBe(400);

    const count = await queryRows<{ evidence: number; files: number }>(
      t.db,
      sql`select (select count(*)::int from verification_evidence where case_id = ${row.id}) as evidence,
                 (select count(*)::int from verification_files where case_id = ${row.id}) as files`,
    );
    expect(count[0]).toEqual({ evidence: 2, files: 2 });
  });
});

describe("merging duplicates", () => {
  it("moves tips, files and demand into the target, records both timelines, and decides the suggestion", async () => {
    const target = await plantDeskCase(t.db, {
      unitId: org.left.id,
      title: "Lừa đảo nhận tiền hỗ trợ",
      demandCount: 3,
    });
    const duplicate = await plantDeskCase(t.db, {
      unitId: org.left.id,
      title: "Nhận tiền hỗ trợ qua đường link",
      demandCount: 2,
    });
    const tipA = await plantTip(t.db, duplicate, { email: "a@example.vn" });
    await plantTip(t.db, duplicate);
    await plantFile(t.db, duplicate.id, { content: await png(), mimeType: "image/png", tipId: tipA.id });
    const suggestion = await plantSuggestion(t.db, duplicate.id, target.id, 0.64);

    const shown = (await checker.request({ method: "GET", url: `/api/cases/${target.id}` })).json();
    expect(shown.suggestions).toMatchObject([
      {
        id: suggestion.id,
        fromCaseId: duplicate.id,
        intoCaseId: target.id,
        otherCase: { title: duplicate.title },
      },
    ]);

    const merged = await checker.request({
      method: "POST",
      url: `/api/cases/${duplicate.id}/merge`,
      payload: { intoCaseId: target.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toEqual({ id: duplicate.id, intoCaseId: target.id, movedTips: 2, demand: 5 });

    const after = (await checker.request({ method: "GET", url: `/api/cases/${target.id}` })).json();
    expect(after.demand).toBe(5);
    expect(after.tips).toHaveLength(2);
    expect(after.tips.flatMap((tip: { files: unknown[] }) => tip.files)).toHaveLength(1);
    expect(after.contacts).toEqual({ tips: 2, withEmail: 1 });
    expect(after.suggestions).toEqual([]);
    expect(after.timeline.map((event: { kind: string }) => event.kind)).toContain("merged_from");
    const source = (await checker.request({ method: "GET", url: `/api/cases/${duplicate.id}` })).json();
    expect(source).toMatchObject({ status: "merged", mergedIntoId: target.id, tips: [] });
    expect(source.timeline.map((event: { kind: string }) => event.kind)).toContain("merged_into");
    const decided = await queryRows<{ status: string }>(
      t.db,
      sql`select status from verification_suggestions where id = ${suggestion.id}`,
    );
    expect(decided[0]?.status).toBe("merged");
    const audit = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_events where action = 'verification.case_merge'`,
    );
    expect(audit[0]?.n).toBe(2);
    const queue = (await checker.request({ method: "GET", url: "/api/cases" })).json();
    expect(queue.items.map((item: { id: string }) => item.id)).not.toContain(duplicate.id);
  });

  it("refuses merging into itself, into a merged case, a published case into another, and across units", async () => {
    const a = await plantDeskCase(t.db, { unitId: org.left.id });
    const b = await plantDeskCase(t.db, { unitId: org.left.id });
    const gone = await plantDeskCase(t.db, { unitId: org.left.id, status: "merged", mergedIntoId: b.id });
    const published = await plantDeskCase(t.db, { unitId: org.left.id, status: "published" });
    await plantPublishedVerdict(t.db, published);
    const theirs = await plantDeskCase(t.db, { unitId: org.right.id });
    const merge = (from: string, into: string) =>
      checker.request({ method: "POST", url: `/api/cases/${from}/merge`, payload: { intoCaseId: into } });

    expect((await merge(a.id, a.id)).json().code).toBe("verification.merge_into_itself");
    expect((await merge(a.id, gone.id)).json().code).toBe("verification.merge_into_merged");
    expect((await merge(gone.id, a.id)).json().code).toBe("verification.case_merged");
    const refused = await merge(published.id, a.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("verification.merge_published");
    expect((await merge(a.id, theirs.id)).statusCode).toBe(403);
    // The other way round is fine: a duplicate goes into the published case.
    const intoPublished = await merge(a.id, published.id);
    expect(intoPublished.statusCode, intoPublished.body).toBe(200);
  });

  it("dismisses a suggestion once", async () => {
    const a = await plantDeskCase(t.db, { unitId: org.left.id });
    const b = await plantDeskCase(t.db, { unitId: org.left.id });
    const suggestion = await plantSuggestion(t.db, a.id, b.id);
    const url = `/api/cases/${a.id}/suggestions/${suggestion.id}/dismiss`;
    const dismissed = await checker.request({ method: "POST", url });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect((await checker.request({ method: "POST", url })).statusCode).toBe(404);
    const detail = (await checker.request({ method: "GET", url: `/api/cases/${b.id}` })).json();
    expect(detail.suggestions).toEqual([]);
    const timeline = (await checker.request({ method: "GET", url: `/api/cases/${a.id}` })).json().timeline;
    expect(timeline[0]).toMatchObject({ kind: "suggestion_dismissed", details: { otherCaseId: b.id } });
  });
});

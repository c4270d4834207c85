import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { queryRows } from "../../../db/client.ts";
import { plantDeskCase, plantFile, plantTip } from "./desk.test-helper.ts";
import { cleanOcrText } from "./ocr.ts";

/*
 * The OCR worker as it runs in the application: it picks up screenshots however they were stored.
 * The "not installed" path is always tested (TESSERACT_PATH pointing at nothing); reading a real
 * screenshot needs Debian's tesseract-ocr and tesseract-ocr-vie, and runs only where they are.
 */

const realTesseract = (() => {
  try {
    return /^vie$/m.test(execFileSync("tesseract", ["--list-langs"], { encoding: "utf8" }))
      ? "tesseract"
      : null;
  } catch {
    return null;
  }
})();

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let checker: SessionClient;

beforeAll(async () => {
  process.env.OCR_POLL_MS = "300";
  process.env.TESSERACT_PATH = "/nonexistent/tesseract";
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const person = await makePerson(t.db, { unitId: org.left.id, roles: ["checker"] });
  checker = await signInAs(t.app, person.email ?? "");
});
afterAll(async () => {
  await t?.close();
  delete process.env.OCR_POLL_MS;
  delete process.env.TESSERACT_PATH;
});

/** A phone-sized screenshot of a warning, drawn as the rumour would appear. */
async function screenshot(lines: string[]): Promise<Buffer> {
  const text = lines
    .map(
      (line, i) =>
        `<text x="40" y="${140 + i * 70}" font-family="DejaVu Sans, sans-serif" font-size="44" fill="#111">${line}</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="${220 + lines.length * 70}">
    <rect width="100%" height="100%" fill="#ffffff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function fileStatus(fileId: string) {
  const [row] = await queryRows<{ ocr_status: string; ocr_text: string | null }>(
    t.db,
    sql`select ocr_status, ocr_text from verification_files where id = ${fileId}`,
  );
  return row;
}

describe("OCR of screenshots", () => {
  it("without the program, marks screenshots unavailable and the case page says OCR is not installed", async () => {
    const row = await plantDeskCase(t.db, { unitId: org.left.id });
    const tip = await plantTip(t.db, row, { text: "" });
    const file = await plantFile(t.db, row.id, {
      content: await screenshot(["Cảnh báo lừa đảo"]),
      mimeType: "image/png",
      tipId: tip.id,
      ocrStatus: "pending",
    });
    await eventually(async () => (await fileStatus(file.id))?.ocr_status === "unavailable", {
      what: "the screenshot marked unavailable",
    });
    const detail = (await checker.request({ method: "GET", url: `/api/cases/${row.id}` })).json();
    expect(detail.ocrAvailable).toBe(false);
    expect(detail.tips[0].files[0]).toMatchObject({ ocrStatus: "unavailable", ocrText: null });
  });

  it("cleans tesseract's output into composed Vietnamese lines", () => {
    expect(cleanOcrText("  Ca\u0309nh ba\u0301o  \n\n lư\u0300a đảo \n")).toBe("Cảnh báo\nlừa đảo");
  });

  it.runIf(realTesseract)(
    "reads a Vietnamese screenshot, stores its text, adds the case's matching keys and a timeline line",
    async () => {
      process.env.TESSERACT_PATH = realTesseract ?? "";
      const row = await plantDeskCase(t.db, { unitId: org.left.id });
      const tip = await plantTip(t.db, row, { text: "" });
      const file = await plantFile(t.db, row.id, {
        content: await screenshot(["Cảnh báo lừa đảo nhận tiền hỗ trợ", "Không bấm vào đường link lạ"]),
        mimeType: "image/png",
        tipId: tip.id,
      });
      const settled = await eventually(
        async () => {
          const status = await fileStatus(file.id);
          return status?.ocr_status === "done" ? status : undefined;
        },
        { what: "the screenshot read by tesseract", timeoutMs: 90_000 },
      );
      expect(settled.ocr_text?.toLowerCase()).toContain("lừa đảo");
      expect(settled.ocr_text?.toLowerCase()).toContain("hỗ trợ");
      const keys = await queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from verification_fingerprints where case_id = ${row.id} and kind = 'text_band'`,
      );
      expect(keys[0]?.n).toBeGreaterThan(0);
      const detail = (await checker.request({ method: "GET", url: `/api/cases/${row.id}` })).json();
      expect(detail.ocrAvailable).toBe(true);
      expect(detail.timeline).toMatchObject([{ kind: "ocr_done", actor: null }]);
      expect(detail.tips[0].files[0].ocrText).toContain("lừa đảo");
    },
    120_000,
  );
});

import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditEvents, people } from "../../db/schema/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const suffix = () => randomBytes(4).toString("hex");

interface RowError {
  row: number;
  field: string | null;
  code: string;
  message: { vi: string; en: string };
}

/** Sends a file to the preview or the import route, as the web app does. */
function send(
  client: SessionClient,
  route: "preview" | "import",
  unitId: string,
  fileName: string,
  content: Buffer | string,
) {
  return client.request({
    method: "POST",
    url: route === "preview" ? "/api/people/import/preview" : "/api/people/import",
    payload: { unitId, fileName, contentBase64: Buffer.from(content).toString("base64") },
  });
}

async function peopleWithEmails(emails: string[]) {
  return t.db
    .select({
      fullName: people.fullName,
      email: people.email,
      phone: people.phone,
      position: people.position,
      unitId: people.unitId,
    })
    .from(people)
    .where(inArray(people.email, emails));
}

async function peopleInUnit(unitId: string) {
  return t.db.select({ id: people.id }).from(people).where(eq(people.unitId, unitId));
}

const BOM = "\uFEFF";

describe("people import", () => {
  it("imports a semicolon CSV with a BOM and quoted fields: NFC names, normalised phones", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const tag = suffix();
    const decomposed = "Nguyễn Thị Thuỷ".normalize("NFD");
    const csv = [
      "Họ và tên;E-mail;Số điện thoại;Chức vụ",
      `${decomposed};Thuy.${tag}@Example.VN;+84 912 345 678;Cán bộ`,
      `"Trần Văn ""Ba""";ba.${tag}@example.vn;0912.345.679;"Phó Bí thư; Chủ tịch"`,
      `Lê Thị Cúc;cuc.${tag}@example.vn;84 912 345 680;"Tổ trưởng\r\ntổ dân phố"`,
      `Đỗ Văn Dũng;dung.${tag}@example.vn;912345681;`,
      "",
    ].join("\r\n");

    const preview = await send(admin, "preview", org.left.id, "danh-sach.csv", BOM + csv);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ totalRows: 4, validRows: 4, errors: [] });
    expect(preview.json().sample.map((s: { row: number }) => s.row)).toEqual([2, 3, 4, 5]);
    expect(preview.json().sample[0]).toMatchObject({
      fullName: "Nguyễn Thị Thuỷ".normalize("NFC"),
      email: `thuy.${tag}@example.vn`,
      phone: "0912345678",
      unitName: org.left.name,
    });
    expect(await peopleInUnit(org.left.id)).toHaveLength(1); // only the administrator: preview wrote nothing

    const imported = await send(admin, "import", org.left.id, "danh-sach.csv", BOM + csv);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ created: 4, totalRows: 4, errors: [] });
    expect(new Set(imported.json().createdPersonIds).size).toBe(4);

    const stored = await peopleWithEmails([
      `thuy.${tag}@example.vn`,
      `ba.${tag}@example.vn`,
      `cuc.${tag}@example.vn`,
      `dung.${tag}@example.vn`,
    ]);
    const byEmail = new Map(stored.map((p) => [p.email, p]));
    const thuy = byEmail.get(`thuy.${tag}@example.vn`);
    expect(thuy?.fullName).toBe("Nguyễn Thị Thuỷ".normalize("NFC"));
    expect(thuy?.fullName).not.toBe(decomposed);
    expect(thuy?.phone).toBe("0912345678");
    expect(thuy?.unitId).toBe(org.left.id);
    expect(byEmail.get(`ba.${tag}@example.vn`)).toMatchObject({
      fullName: 'Trần Văn "Ba"',
      phone: "0912345679",
      position: "Phó Bí thư; Chủ tịch",
    });
    expect(byEmail.get(`cuc.${tag}@example.vn`)).toMatchObject({
      phone: "0912345680",
      position: "Tổ trưởng tổ dân phố",
    });
    expect(byEmail.get(`dung.${tag}@example.vn`)).toMatchObject({ phone: "0912345681", position: null });

    // Imported people are found by the people search, diacritics folded.
    const found = await admin.request({
      method: "GET",
      url: `/api/people?q=${encodeURIComponent("nguyen thi thuy")}&unitId=${org.left.id}`,
    });
    expect(found.json().items.map((p: { email: string }) => p.email)).toContain(`thuy.${tag}@example.vn`);

    const [audit] = await t.db
      .select({ actorId: auditEvents.actorId, unitId: auditEvents.unitId, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "person.import"), eq(auditEvents.unitId, org.left.id)));
    expect(audit).toMatchObject({
      actorId: org.leftAdmin.id,
      details: { fileName: "danh-sach.csv", created: 4, rejected: 0 },
    });
  });

  it("imports an XLSX with a number-typed phone, a hyperlink e-mail, rich text and units by code or name", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const cell = await makeUnit(t.db, { parentId: org.left.id, name: `Chi bộ Ấp Mới ${suffix()}` });
    const tag = suffix();

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    workbook.addWorksheet("Ghi chú").addRow(["Họ và tên"]); // only the first sheet is read
    sheet.addRow(["STT", "HỌ VÀ TÊN", "Thư điện tử", "SĐT", "Chức vụ", "Mã đơn vị"]);
    sheet.addRow([1, "Phạm Văn An", `an.${tag}@example.vn`, 912345678, "Bí thư", cell.code]);
    sheet.addRow([
      2,
      { richText: [{ text: "Hoàng " }, { text: "Thị Bình", font: { bold: true } }] },
      { text: `Binh.${tag}@Example.vn`, hyperlink: `mailto:binh.${tag}@example.vn` },
      "0987 654 321",
      null,
      foldForLabel(cell.name).toUpperCase(),
    ]);
    sheet.addRow([3]); // numbered in advance but empty: not a person
    sheet.addRow([
      4,
      "Vũ Văn Cường",
      { formula: `"cuong.${tag}"&"@example.vn"`, result: `cuong.${tag}@example.vn` },
      84_356_789_012,
      "",
      "",
    ]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());

    const preview = await send(admin, "preview", org.left.id, "Danh sách.XLSX", content);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ totalRows: 3, validRows: 3, errors: [] });
    expect(preview.json().sample.map((s: { row: number; unitName: string }) => [s.row, s.unitName])).toEqual([
      [2, cell.name],
      [3, cell.name],
      [5, org.left.name],
    ]);

    const imported = await send(admin, "import", org.left.id, "Danh sách.XLSX", content);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ created: 3, totalRows: 3, errors: [] });
    expect(new Set(imported.json().createdPersonIds).size).toBe(3);
    const stored = new Map(
      (
        await peopleWithEmails([`an.${tag}@example.vn`, `binh.${tag}@example.vn`, `cuong.${tag}@example.vn`])
      ).map((p) => [p.email, p]),
    );
    expect(stored.get(`an.${tag}@example.vn`)).toMatchObject({
      fullName: "Phạm Văn An",
      phone: "0912345678",
      position: "Bí thư",
      unitId: cell.id,
    });
    expect(stored.get(`binh.${tag}@example.vn`)).toMatchObject({
      fullName: "Hoàng Thị Bình",
      phone: "0987654321",
      unitId: cell.id,
    });
    expect(stored.get(`cuong.${tag}@example.vn`)).toMatchObject({
      phone: "0356789012",
      position: null,
      unitId: org.left.id,
    });
  });

  it("reports every bad row with its row number and code, and imports only the good ones", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const dissolved = await makeUnit(t.db, { parentId: org.left.id });
    expect(
      (await admin.request({ method: "POST", url: `/api/units/${dissolved.id}/dissolve` })).statusCode,
    ).toBe(200);
    const tag = suffix();
    const csv = [
      "Full name,Email,Phone,Position,Unit", // row 1
      `Phạm Văn An,an.${tag}@example.vn,0912000001,,`, // 2 good
      `,khong-ten.${tag}@example.vn,,,`, // 3 missing name
      "Trần Văn Bình,khong-phai-email,,,", // 4 bad e-mail
      "Lê Văn Cường,,12345,,", // 5 bad phone
      "Đỗ Thị Dung,,,,KHONG-CO-DON-VI", // 6 unknown unit
      `Ngô Văn Em,,,,${org.right.code}`, // 7 unit outside the selected subtree
      `Bùi Thị Giang,,,,${dissolved.code}`, // 8 dissolved unit
      `Hồ Văn Hải,AN.${tag}@example.vn,,,`, // 9 same e-mail as row 2
      `Mai Thị Khánh,${org.rightAdmin.email},,,`, // 10 e-mail of an existing person
      "Lý Văn Long,,0912 000 001,,", // 11 same phone as row 2
      ",,,,", // 12 blank: skipped
      `"Tạ Thị Mơ, con",mo.${tag}@example.vn,,"Tổ phó,\nthủ quỹ",${org.left.name.toUpperCase()}`, // 13 good, two lines
      ",bad,,,", // 14 two problems in one row
    ].join("\n");

    const preview = await send(admin, "preview", org.left.id, "people.csv", csv);
    expect(preview.statusCode).toBe(200);
    const body = preview.json() as { totalRows: number; validRows: number; errors: RowError[] };
    expect(body.totalRows).toBe(12);
    expect(body.validRows).toBe(2);
    expect(body.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, "fullName", "person.name_required"],
      [4, "email", "person.email_invalid"],
      [5, "phone", "person.phone_invalid"],
      [6, "unit", "import.unknown_unit"],
      [7, "unit", "import.unknown_unit"],
      [8, "unit", "import.unknown_unit"],
      [9, "email", "import.duplicate_email"],
      [10, "email", "import.duplicate_email"],
      [11, "phone", "import.duplicate_phone"],
      [14, "fullName", "person.name_required"],
      [14, "email", "person.email_invalid"],
    ]);
    const byRow = (row: number) => body.errors.find((e) => e.row === row)?.message;
    expect(byRow(4)?.vi).toContain("khong-phai-email");
    expect(byRow(6)?.en).toContain("KHONG-CO-DON-VI");
    expect(byRow(6)?.vi).toContain("KHONG-CO-DON-VI");
    expect(byRow(9)?.vi).toContain("dòng 2");
    expect(byRow(9)?.en).toContain(`an.${tag}@example.vn`);
    expect(byRow(10)?.en).toContain(org.rightAdmin.email ?? "?");
    expect(byRow(11)?.en).toContain("row 2");
    expect(byRow(11)?.vi).toContain("0912000001");
    expect(await peopleInUnit(org.left.id)).toHaveLength(1);

    const imported = await send(admin, "import", org.left.id, "people.csv", csv);
    expect(imported.statusCode).toBe(200);
    expect(imported.json().created).toBe(2);
    expect(imported.json().errors).toEqual(body.errors);
    const stored = await peopleWithEmails([
      `an.${tag}@example.vn`,
      `mo.${tag}@example.vn`,
      `khong-ten.${tag}@example.vn`,
    ]);
    expect(stored.map((p) => p.fullName).sort()).toEqual(["Phạm Văn An", "Tạ Thị Mơ, con"]);
    expect(await peopleInUnit(org.left.id)).toHaveLength(3);
  });

  it("checks the file again on import: a person added after the preview makes that row an error", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const tag = suffix();
    const csv = `Họ tên,Email\nAn,an.${tag}@example.vn\nBình,binh.${tag}@example.vn\n`;
    expect((await send(admin, "preview", org.left.id, "a.csv", csv)).json()).toMatchObject({
      validRows: 2,
      errors: [],
    });
    await makePerson(t.db, { unitId: org.right.id, email: `binh.${tag}@example.vn` });
    const imported = await send(admin, "import", org.left.id, "a.csv", csv);
    expect(imported.json()).toMatchObject({
      created: 1,
      errors: [{ row: 3, field: "email", code: "import.duplicate_email" }],
    });
  });

  it("rolls the whole import back when an e-mail is taken while it is being written", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const tag = suffix();
    const emails = Array.from({ length: 1500 }, (_, i) => `p${i}.${tag}@example.vn`);
    const stolen = emails[1400] ?? "";
    const csv = ["Họ và tên,E-mail", ...emails.map((email, i) => `Người Số ${i},${email}`)].join("\n");
    expect((await send(admin, "preview", org.left.id, "big.csv", csv)).json()).toMatchObject({
      validRows: 1500,
    });

    // Another writer stores the e-mail of row 1402 after the import has checked it and written its
    // first batch of 1,000 rows. A trigger stands in for that writer, so this runs on PGlite too:
    // the second batch then meets a real unique violation inside the import's transaction.
    await t.db.execute(
      sql.raw(`
        create function test_take_email() returns trigger language plpgsql as $$
        begin
          if pg_trigger_depth() = 1 and new.email = '${stolen}' then
            insert into people (unit_id, full_name, search_key, email) values (new.unit_id, 'Người chen ngang', 'x', new.email);
          end if;
          return new;
        end $$`),
    );
    await t.db.execute(
      sql.raw(
        "create trigger test_take_email before insert on people for each row execute function test_take_email()",
      ),
    );
    try {
      const imported = await send(admin, "import", org.left.id, "big.csv", csv);
      expect(imported.statusCode).toBe(409);
      expect(imported.headers["content-type"]).toContain("application/problem+json");
      expect(imported.json().code).toBe("import.conflict");
      expect(imported.json().messages.en).toContain(stolen);
    } finally {
      await t.db.execute(sql.raw("drop trigger test_take_email on people"));
      await t.db.execute(sql.raw("drop function test_take_email()"));
    }
    expect(await peopleWithEmails(emails)).toHaveLength(0);
    expect(await peopleInUnit(org.left.id)).toHaveLength(1);
    const audits = await t.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "person.import"), eq(auditEvents.unitId, org.left.id)));
    expect(audits).toHaveLength(0);
  });

  // Only a server has a second connection to race with; the PostgreSQL run in CI covers this case.
  if (process.env.TEST_DATABASE_URL) {
    it("on PostgreSQL, rolls back when a concurrent transaction commits one of the file's e-mails", async () => {
      const org = await makeOrganisation(t.db);
      const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
      const tag = suffix();
      const emails = Array.from({ length: 1500 }, (_, i) => `q${i}.${tag}@example.vn`);
      const stolen = emails[1400] ?? "";
      const csv = ["Họ và tên,E-mail", ...emails.map((email, i) => `Người Số ${i},${email}`)].join("\n");

      // The other writer has inserted the e-mail but not committed: the import's check cannot see it,
      // and its insert waits on the unique index until the other side commits.
      const other = new pg.Client({ connectionString: t.database.connectionString });
      await other.connect();
      try {
        await other.query("begin");
        await other.query(
          "insert into people (unit_id, full_name, search_key, email) values ($1, 'Người chen ngang', 'x', $2)",
          [org.right.id, stolen],
        );
        const pending = send(admin, "import", org.left.id, "race.csv", csv);
        await eventually(
          async () => {
            const { rows } = await other.query<{ waiting: number }>(
              "select count(*)::int as waiting from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.datname = current_database()",
            );
            return (rows[0]?.waiting ?? 0) > 0;
          },
          { what: "the import to wait on the concurrent insert", intervalMs: 20 },
        );
        await other.query("commit");
        const imported = await pending;
        expect(imported.statusCode).toBe(409);
        expect(imported.headers["content-type"]).toContain("application/problem+json");
        expect(imported.json().code).toBe("import.conflict");
      } finally {
        await other.end();
      }
      const stored = await peopleWithEmails(emails);
      expect(stored.map((p) => p.fullName)).toEqual(["Người chen ngang"]);
      expect(await peopleInUnit(org.left.id)).toHaveLength(1);
    });
  }

  it("refuses an administrator of a sibling unit on both routes", async () => {
    const org = await makeOrganisation(t.db);
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    const csv = `Họ và tên\nNgười Ngoài ${suffix()}\n`;
    for (const route of ["preview", "import"] as const) {
      const response = await send(rightAdmin, route, org.left.id, "a.csv", csv);
      expect(response.statusCode).toBe(403);
      expect(response.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await peopleInUnit(org.left.id)).toHaveLength(1);
  });

  it("answers files it cannot use with 400 problem+json and a code", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("A").addRow(["Họ và tên"]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const manyRows = `Họ và tên\n${Array.from({ length: 20_001 }, (_, i) => `Người ${i}`).join("\n")}`;
    const cases: [string, Buffer | string, string][] = [
      ["danh-sach.pdf", "%PDF-1.4", "import.unsupported_type"],
      ["danh-sach.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), "import.unsupported_type"],
      ["khong-duoi", "Họ và tên\nAn", "import.unsupported_type"],
      ["hong.xlsx", randomBytes(2000), "import.unreadable"],
      ["cut.xlsx", xlsx.subarray(0, Math.floor(xlsx.length / 2)), "import.unreadable"],
      ["excel-named.csv", xlsx, "import.unreadable"],
      ["quote.csv", 'Họ và tên,Email\n"An,an@example.vn\n', "import.unreadable"],
      ["header-only.xlsx", xlsx, "import.empty"],
      ["blank.csv", `${BOM}\r\n  \r\n\r\n`, "import.empty"],
      ["header-only.csv", "Họ và tên;Email\n", "import.empty"],
      [
        "windows-1258.csv",
        Buffer.from([0x48, 0xe4, 0x20, 0x74, 0xea, 0x6e, 0x0a, 0x41, 0x6e, 0x0a]),
        "import.encoding",
      ],
      ["no-name.csv", "Email,Phone\nan@example.vn,0912345678\n", "import.missing_columns"],
      ["many.csv", manyRows, "import.too_many_rows"],
      ["huge.csv", `Họ và tên\n${"x".repeat(10 * 1024 * 1024)}\n`, "import.too_large"],
    ];
    for (const [fileName, content, code] of cases) {
      for (const route of ["preview", "import"] as const) {
        const response = await send(admin, route, org.left.id, fileName, content);
        expect({ fileName, route, status: response.statusCode, code: response.json().code }).toEqual({
          fileName,
          route,
          status: 400,
          code,
        });
        expect(response.headers["content-type"]).toContain("application/problem+json");
        expect(response.json().messages.vi).toBeTruthy();
      }
    }
    // A zero-byte file does not pass the request schema, and is still a 400 problem.
    const zero = await admin.request({
      method: "POST",
      url: "/api/people/import/preview",
      payload: { unitId: org.left.id, fileName: "rong.csv", contentBase64: "" },
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.headers["content-type"]).toContain("application/problem+json");
    expect(await peopleInUnit(org.left.id)).toHaveLength(1);
  });

  it("previews and imports 5,000 rows", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const tag = suffix();
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `Nguyễn Văn Số ${i};nguoi${i}.${tag}@example.vn;09${String(i).padStart(8, "0")};Đoàn viên;`,
    );
    const csv = `${BOM}Họ và tên;E-mail;Số điện thoại;Chức vụ;Đơn vị\n${rows.join("\n")}\n`;

    const previewStart = performance.now();
    const preview = await send(admin, "preview", org.left.id, "5000.csv", csv);
    const previewMs = performance.now() - previewStart;
    expect(preview.json()).toMatchObject({ totalRows: 5000, validRows: 5000, errors: [] });

    const importStart = performance.now();
    const imported = await send(admin, "import", org.left.id, "5000.csv", csv);
    const importMs = performance.now() - importStart;
    expect(imported.json()).toMatchObject({ created: 5000, totalRows: 5000, errors: [] });
    expect(new Set(imported.json().createdPersonIds).size).toBe(5000);
    expect(await peopleInUnit(org.left.id)).toHaveLength(5001);
    console.log(
      `5,000-row CSV on ${t.database.engine}: preview ${Math.round(previewMs)} ms, import ${Math.round(importMs)} ms`,
    );
  });
});

/** A unit name as someone might type it without diacritics. */
function foldForLabel(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

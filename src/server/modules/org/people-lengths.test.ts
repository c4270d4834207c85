import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, type SessionClient, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";

/*
 * A person's name and position have a length a person would give them (100 characters, an emoji
 * counting as one); longer ones are refused naming the field, in both languages, wherever they come from.
 */

let t: TestApp;
let admin: SessionClient;
let unitId = "";
beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrganisation(t.db);
  unitId = org.left.id;
  admin = await signInAs(t.app, org.leftAdmin.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

const longName = `Nguyễn Thị ${"Ánh ".repeat(75)}🌸🌸`;
const name100 = `Nguyễn Thị Ánh ${"x".repeat(84)}🌸`;

function create(payload: Record<string, unknown>) {
  return admin.request({ method: "POST", url: "/api/people", payload: { unitId, ...payload } });
}

describe("the length of a person's name and position", () => {
  it("refuses a full name over 100 characters, naming the field and its length", async () => {
    const response = await create({ fullName: longName });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe("person.name_too_long");
    expect(body.messages.vi).toBe("Họ và tên dài 313 ký tự, quá mức tối đa 100 ký tự. Vui lòng rút gọn.");
    expect(body.messages.en).toBe(
      "The full name is 313 characters long, more than the 100 allowed. Please shorten it.",
    );
  });

  it("takes exactly 100 characters, an emoji counting as one", async () => {
    expect([...name100]).toHaveLength(100);
    const response = await create({ fullName: name100 });
    expect(response.statusCode, response.body).toBe(201);
  });

  it("refuses a long position on creation and on an edit", async () => {
    const created = await create({ fullName: "Trần Văn Bình", position: "Bí thư ".repeat(20) });
    expect(created.statusCode).toBe(400);
    expect(created.json().code).toBe("person.position_too_long");
    expect(created.json().messages.vi).toContain("Chức vụ dài 139 ký tự");

    const person = await create({ fullName: "Trần Văn Bình", position: "Bí thư" });
    expect(person.statusCode).toBe(201);
    const edited = await admin.request({
      method: "PATCH",
      url: `/api/people/${person.json().id}`,
      payload: { fullName: longName },
    });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().code).toBe("person.name_too_long");
  });

  it("makes an import refuse such rows with the reason, and take the others", async () => {
    const csv = [
      "Họ và tên,E-mail,Số điện thoại,Chức vụ,Mã đơn vị",
      "Lê Văn Cường,,,Đoàn viên,",
      `${longName},,,,`,
      `Phạm Thị Dung,,,${"Phó bí thư ".repeat(12)},`,
    ].join("\n");
    const preview = await admin.request({
      method: "POST",
      url: "/api/people/import/preview",
      payload: { unitId, fileName: "nhan-su.csv", contentBase64: Buffer.from(csv).toString("base64") },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json() as {
      validRows: number;
      errors: { row: number; field: string; code: string; message: { vi: string; en: string } }[];
    };
    expect(body.validRows).toBe(1);
    expect(body.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, "fullName", "person.name_too_long"],
      [4, "position", "person.position_too_long"],
    ]);
    expect(body.errors[0]?.message.vi).toBe(
      "Họ và tên dài 313 ký tự, quá mức tối đa 100 ký tự. Vui lòng rút gọn.",
    );
  });
});

import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../platform/errors.ts";
import { authErrors } from "../auth/errors.ts";
import { orgErrors } from "./errors.ts";

/*
 * The error catalogues of org and auth, checked as the reader sees them: every failure is built with
 * sample values so parameterised messages are read in full.
 */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = {
  orgErrors,
  authErrors,
};

/** Values for the messages that name something; a new parameterised failure needs its samples here. */
const samples: Record<string, readonly object[]> = {
  "orgErrors.unitNotActive": [
    { name: "Đoàn Thanh niên xã Tân Trào" },
    {
      name: "Đoàn Thanh niên xã Tân Trào",
      refusal: { vi: "không thể nhập người vào đơn vị này.", en: "people cannot be imported into it." },
    },
  ],
  "orgErrors.unitCodeTaken": [{ code: "doan-thanh-nien-tan-trao" }],
  "orgErrors.adminAreaUnknown": [{ code: "99999" }],
  "orgErrors.unitNotEmpty": [
    { activeSubUnits: 3, activePeople: 0 },
    { activeSubUnits: 0, activePeople: 12 },
  ],
  "orgErrors.personEmailInvalid": [{ email: "an.nguyen@" }],
  "orgErrors.personPhoneInvalid": [{ phone: "0123" }],
  "orgErrors.personNameTooLong": [
    { length: 312, max: 100 },
    { length: 1500, max: 100 },
  ],
  "orgErrors.personPositionTooLong": [{ length: 140, max: 100 }],
  "orgErrors.emailTaken": [{ email: "an.nguyen@tuyenquang.gov.vn" }],
  "authErrors.locked": [{ minutes: 15 }],
  "authErrors.passwordTooShort": [{ minLength: 10 }],
  "orgErrors.importEmailTaken": [{ email: "an.nguyen@tuyenquang.gov.vn" }, {}],
};

const buildAll = () => buildErrors(qualifiedThrowers(catalogues), samples);

describe("error catalogues of org and auth", () => {
  const built = buildAll();

  it("gives each failure its own code", () => {
    const codeOf = new Map<string, string>();
    for (const { name, error } of built) {
      const thrower = codeOf.get(error.code);
      expect(thrower === undefined || thrower === name, `${error.code}: ${thrower} and ${name}`).toBe(true);
      codeOf.set(error.code, name);
    }
    const throwerCount = Object.values(catalogues).reduce((sum, c) => sum + Object.keys(c).length, 0);
    expect(codeOf.size).toBe(throwerCount);
  });

  it("words every failure in both languages, with the sample values filled in", () => {
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(/undefined|NaN|\[object /);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
    }
  });

  it('asks with "Vui lòng", never "Hãy" or "Xin hãy"', () => {
    for (const { name, error } of built) {
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });

  it("shows the reader no raw code", () => {
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message, name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
        expect(message, name).not.toContain(error.code);
      }
    }
  });

  it("keeps the status each failure has always had", () => {
    const statusOf = Object.fromEntries(built.map(({ error }) => [error.code, error.status]));
    expect(statusOf).toMatchObject({
      "auth.invalid_credentials": 400,
      "auth.locked": 429,
      "auth.token_invalid": 401,
      "auth.csrf_invalid": 403,
      "auth.totp_setup_required": 403,
      "auth.totp_already_enabled": 409,
      "auth.totp_required_by_role": 409,
      "unit.not_active": 409,
      "unit.code_taken": 409,
      "unit.not_empty": 409,
      "person.email_taken": 409,
      "person.beyond_scope": 403,
      "role.beyond_own_permissions": 403,
      "person.email_invalid": 400,
    });
  });
});

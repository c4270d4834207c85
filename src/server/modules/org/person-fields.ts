import { personTextLimits } from "../../../shared/api/org-values.ts";
import { normalizeEmail, normalizeName, normalizeVietnamesePhone } from "../../../shared/vietnamese-text.ts";
import type { AppError } from "../../platform/errors.ts";
import { orgErrors } from "./errors.ts";

/*
 * A person's own fields as they are typed into the form, imported or seeded: normalised, or the
 * reasons they cannot be. The import reports every problem per row; the services refuse the first.
 */

export interface PersonFields {
  fullName: string;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
}

export interface CleanPersonFields {
  fullName: string;
  email: string | null;
  phone: string | null;
  position: string | null;
}

export interface FieldProblem {
  field: "fullName" | "email" | "phone" | "position";
  code: string;
  vi: string;
  en: string;
}

interface FieldRefusal {
  field: FieldProblem["field"];
  refuse: (details?: unknown) => AppError;
}

/** Length as a person counts it: an emoji or other character beyond the basic plane is one. */
function characters(text: string): number {
  return [...text].length;
}

function checkPersonFields(input: PersonFields): { value: CleanPersonFields; refusals: FieldRefusal[] } {
  const refusals: FieldRefusal[] = [];
  const fullName = normalizeName(input.fullName ?? "");
  if (!fullName) {
    refusals.push({ field: "fullName", refuse: orgErrors.personNameRequired });
  } else if (characters(fullName) > personTextLimits.fullName) {
    const length = { length: characters(fullName), max: personTextLimits.fullName };
    refusals.push({ field: "fullName", refuse: (details) => orgErrors.personNameTooLong(length, details) });
  }
  let email: string | null = null;
  if (input.email?.trim()) {
    email = normalizeEmail(input.email);
    const given = input.email.trim();
    if (!email) {
      refusals.push({
        field: "email",
        refuse: (details) => orgErrors.personEmailInvalid({ email: given }, details),
      });
    }
  }
  let phone: string | null = null;
  if (input.phone?.trim()) {
    phone = normalizeVietnamesePhone(input.phone);
    const given = input.phone.trim();
    if (!phone) {
      refusals.push({
        field: "phone",
        refuse: (details) => orgErrors.personPhoneInvalid({ phone: given }, details),
      });
    }
  }
  const position = input.position ? normalizeName(input.position) || null : null;
  if (position && characters(position) > personTextLimits.position) {
    const length = { length: characters(position), max: personTextLimits.position };
    refusals.push({
      field: "position",
      refuse: (details) => orgErrors.personPositionTooLong(length, details),
    });
  }
  return { value: { fullName, email, phone, position }, refusals };
}

function problemOf({ field, refuse }: FieldRefusal): FieldProblem {
  const error = refuse();
  return { field, code: error.code, vi: error.messages.vi, en: error.messages.en };
}

/** Normalises a person's fields (NFC name, lower-case e-mail, national phone form) or lists what is wrong. */
export function cleanPersonFields(input: PersonFields): {
  value: CleanPersonFields;
  problems: FieldProblem[];
} {
  const { value, refusals } = checkPersonFields(input);
  return { value, problems: refusals.map(problemOf) };
}

/** The normalised fields, or the first problem thrown with every problem listed in its details. */
export function requireCleanPersonFields(input: PersonFields): CleanPersonFields {
  const { value, refusals } = checkPersonFields(input);
  const first = refusals[0];
  if (first) {
    const listed = refusals.map(problemOf).map((p) => ({ field: p.field, code: p.code, message: p.en }));
    throw first.refuse(listed);
  }
  return value;
}

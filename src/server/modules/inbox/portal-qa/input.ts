import { questionLimits } from "../../../../shared/api/inbox-portal.ts";
import { questionErrors } from "./errors.ts";

/** A question's fields once checked: what reaches the inbox. */
export interface CleanQuestion {
  unitId: string;
  name: string | null;
  email: string;
  text: string;
}

export interface QuestionFields {
  unitId: string;
  name?: string | undefined;
  email?: string | undefined;
  text?: string | undefined;
  homepageUrl?: string | undefined;
}

// Control characters other than tab and line breaks: invisible, and nothing an asker meant to type.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g;
const emailPattern = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Text as the person meant it: NUL refused, other control characters dropped, lines kept. */
export function cleanText(value: string | undefined): string {
  if (value?.includes("\u0000")) {
    throw questionErrors.invalidCharacters();
  }
  return (value ?? "").replace(/\r\n?/g, "\n").replace(controlCharacters, "").normalize("NFC").trim();
}

/** Checks every field before anything is written; throws the first problem in the asker's terms. */
export function cleanQuestion(body: QuestionFields): CleanQuestion {
  if ((body.homepageUrl ?? "").trim() !== "") {
    throw questionErrors.refused();
  }
  const unitId = body.unitId.trim();
  if (!uuidPattern.test(unitId)) {
    throw questionErrors.unitNotFound();
  }
  const text = cleanText(body.text);
  if (text === "") {
    throw questionErrors.textEmpty();
  }
  if (text.length > questionLimits.textChars) {
    throw questionErrors.textTooLong();
  }
  const email = cleanText(body.email);
  if (email === "") {
    throw questionErrors.emailMissing();
  }
  if (email.length > questionLimits.emailChars || !emailPattern.test(email)) {
    throw questionErrors.emailInvalid();
  }
  const name = cleanText(body.name).replace(/\s+/g, " ");
  if (name.length > questionLimits.nameChars) {
    throw questionErrors.nameTooLong();
  }
  return { unitId: unitId.toLowerCase(), name: name === "" ? null : name, email, text };
}

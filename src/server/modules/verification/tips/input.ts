import { type TipBody, tipHoneypotField, tipLimits } from "../../../../shared/api/verification-tips.ts";
import { normaliseWebAddress } from "../../../../shared/web-address.ts";
import { urlKeysOf } from "../matching/index.ts";
import { tipErrors } from "./errors.ts";

/** A tip's fields once checked: what is stored and matched. */
export interface CleanTip {
  url: string | null;
  urlKey: string | null;
  text: string | null;
  email: string | null;
  unitId: string | null;
}

// Control characters other than tab and line breaks: invisible, and nothing a reporter meant to type.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g;

/** The text as a reporter meant it: NUL refused, other control characters dropped, lines kept. */
export function cleanText(value: string | undefined): string | null {
  if (value === undefined) {
    return null;
  }
  if (value.includes("\u0000")) {
    throw tipErrors.invalidCharacters();
  }
  const text = value.replace(/\r\n?/g, "\n").replace(controlCharacters, "").normalize("NFC").trim();
  if (text.length > tipLimits.textChars) {
    throw tipErrors.textTooLong();
  }
  return text === "" ? null : text;
}

/** An http(s) address in its encoded form; any other scheme (javascript:, data:, file:) is refused. */
export function cleanUrl(value: string | undefined): string | null {
  if (value === undefined) {
    return null;
  }
  if (value.includes("\u0000")) {
    throw tipErrors.invalidCharacters();
  }
  const typed = value.replace(controlCharacters, "").trim();
  if (typed === "") {
    return null;
  }
  if (typed.length > tipLimits.urlChars) {
    throw tipErrors.urlInvalid();
  }
  // "facebook.com/abc" as people paste it; anything naming another scheme ("javascript:", "data:") is refused.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(typed)?.[1]?.toLowerCase();
  if (
    scheme !== undefined &&
    scheme !== "http" &&
    scheme !== "https" &&
    !/^\d+$/.test(typed.slice(scheme.length + 1).split("/")[0] ?? "")
  ) {
    throw tipErrors.urlScheme();
  }
  const withScheme = scheme === "http" || scheme === "https" ? typed : `https://${typed.replace(/^\/+/, "")}`;
  const url = normaliseWebAddress(withScheme);
  if (!url || !new URL(url).hostname.includes(".")) {
    throw tipErrors.urlInvalid();
  }
  return url;
}

const emailPattern = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;

export function cleanEmail(value: string | undefined): string | null {
  const email = value?.trim() ?? "";
  if (email === "") {
    return null;
  }
  if (email.length > tipLimits.emailChars || !emailPattern.test(email)) {
    throw tipErrors.emailInvalid();
  }
  return email;
}

/** Checks every field before anything is written; throws the first problem in the reporter's terms. */
export function cleanTip(body: TipBody): CleanTip {
  if ((body[tipHoneypotField] ?? "").trim() !== "") {
    throw tipErrors.refused();
  }
  const url = cleanUrl(body.url);
  const text = cleanText(body.text);
  const email = cleanEmail(body.email);
  if (!url && !text) {
    throw tipErrors.empty();
  }
  const unitId = body.unitId?.trim() ?? "";
  return {
    url,
    // The matching part's exact key: the registry's canonical key for a channel, the normalised address for a post.
    urlKey: url ? (urlKeysOf(url)?.exact ?? null) : null,
    text,
    email,
    unitId: /^[0-9a-f-]{36}$/i.test(unitId) ? unitId : null,
  };
}

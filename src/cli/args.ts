import { type ParseArgsConfig, parseArgs } from "node:util";
import { MIN_PASSWORD_LENGTH } from "../server/modules/auth/index.ts";
import { normalizeEmail } from "../shared/vietnamese-text.ts";
import { usageError } from "./errors.ts";
import type { CliIo } from "./io.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `parseArgs` in strict mode, its complaints turned into bilingual usage errors. */
export function parseCommandArgs<const O extends Options>(
  args: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw usageError(`Tham số không hợp lệ: ${message}`, `Invalid arguments: ${message}`);
  }
}

/** The value of a required option, or a usage error naming it. */
export function required(value: string | undefined, flag: string): string {
  if (!value?.trim()) {
    throw usageError(`Thiếu ${flag}.`, `${flag} is required.`);
  }
  return value.trim();
}

/** A normalised e-mail address from --email, or a usage error. */
export function emailOption(value: string | undefined): string {
  const raw = required(value, "--email");
  const email = normalizeEmail(raw);
  if (!email) {
    throw usageError(`E-mail “${raw}” không hợp lệ.`, `E-mail “${raw}” is not valid.`);
  }
  return email;
}

/**
 * The password from --password or, with --password-stdin, the first line of standard input (which
 * keeps it out of the shell history and the process list); undefined when neither is given.
 * Checked for length before anything is written.
 */
export async function passwordOption(
  values: { password?: string; "password-stdin"?: boolean },
  io: CliIo,
): Promise<string | undefined> {
  if (values.password !== undefined && values["password-stdin"]) {
    throw usageError(
      "Chỉ dùng một trong --password và --password-stdin.",
      "Use either --password or --password-stdin, not both.",
    );
  }
  const password = values["password-stdin"] ? (await io.readStdin()).split(/\r?\n/)[0] : values.password;
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    throw usageError(
      `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
      `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    );
  }
  return password;
}

export const passwordOptions = {
  password: { type: "string" },
  "password-stdin": { type: "boolean" },
} as const;

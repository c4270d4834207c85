import { AppError } from "../server/platform/errors.ts";

/** The CLI's exit codes; the help text lists them. */
export const exitCodes = {
  ok: 0,
  failure: 1,
  /** The embedded data directory is held by a running server (or another CLI). */
  dataDirBusy: 2,
  /** An import added the good rows of a file and skipped some bad ones. */
  partialImport: 3,
  /** Stopped by Ctrl+C (128 + SIGINT). */
  interrupted: 130,
} as const;

/** A failure the CLI explains in Vietnamese and English, with the exit code it ends with. */
export class CliError extends Error {
  readonly vi: string;
  readonly en: string;
  readonly exitCode: number;
  /** Bad arguments: the command's usage line is printed after the message. */
  readonly usage: boolean;

  constructor(vi: string, en: string, options: { exitCode?: number; usage?: boolean } = {}) {
    super(en);
    this.vi = vi;
    this.en = en;
    this.exitCode = options.exitCode ?? exitCodes.failure;
    this.usage = options.usage ?? false;
  }
}

/** Bad or missing arguments. */
export function usageError(vi: string, en: string): CliError {
  return new CliError(vi, en, { usage: true });
}

/** The lines that explain an error to the person at the terminal, and the exit code it ends with. */
export function describeError(error: unknown): { lines: string[]; exitCode: number } {
  if (error instanceof CliError) {
    return { lines: [`Lỗi: ${error.vi}`, `Error: ${error.en}`], exitCode: error.exitCode };
  }
  if (error instanceof AppError) {
    return {
      lines: [`Lỗi: ${error.messages.vi}`, `Error: ${error.messages.en}`],
      exitCode: exitCodes.failure,
    };
  }
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" && message ? message : String(error);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "3D000" || code === "28P01") {
    return {
      lines: [
        `Lỗi: không kết nối được cơ sở dữ liệu PostgreSQL (kiểm tra DATABASE_URL): ${text}`,
        `Error: could not connect to the PostgreSQL database (check DATABASE_URL): ${text}`,
      ],
      exitCode: exitCodes.failure,
    };
  }
  return { lines: [`Lỗi / Error: ${text}`], exitCode: exitCodes.failure };
}

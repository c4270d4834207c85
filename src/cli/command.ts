import type { CliIo } from "./io.ts";

/** One `caunoi <group> <action>` command: its help and what it does. */
export interface CliCommand {
  group: string;
  /** "" for a command that is its group alone (`caunoi backup FILE`). */
  action: string;
  /** The arguments after `caunoi <group> <action>`. */
  usage: string;
  summary: { vi: string; en: string };
  /** Help lines shown by `--help`, each given in Vietnamese then English. */
  help: readonly string[];
  /**
   * Loads the implementation, which runs the command and answers its exit code (failures may also
   * be thrown: CliError, AppError). Loaded on demand so that `--help` stays instant.
   */
  load(): Promise<(args: string[], io: CliIo) => Promise<number>>;
}

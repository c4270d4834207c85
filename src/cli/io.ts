/** Where a command writes and reads; the entry point wires it to the process, tests may capture it. */
export interface CliIo {
  /** A line of results, on standard output. */
  out(line: string): void;
  /** A line of diagnostics, on standard error. */
  err(line: string): void;
  /** Everything on standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

/** The io of the running process. */
export const processIo: CliIo = {
  out: (line) => {
    process.stdout.write(`${line}\n`);
  },
  err: (line) => {
    process.stderr.write(`${line}\n`);
  },
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  },
};

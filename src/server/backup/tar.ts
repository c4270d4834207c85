/*
 * The least of the POSIX ustar format that a backup needs: regular files, written one after the
 * other and read back in the same order, never all in memory. A backup is a `.tar.gz` that
 * `tar -tzf` lists and `tar -xzf` unpacks, so it can be inspected without this program.
 */

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

/** Splits a path into ustar's name (≤ 100 bytes) and prefix (≤ 155 bytes), or throws. */
function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) {
    return { name: path, prefix: "" };
  }
  const parts = path.split("/");
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = parts.slice(0, i).join("/");
    const name = parts.slice(i).join("/");
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) {
      return { name, prefix };
    }
  }
  throw new Error(`path too long for a tar entry: ${path}`);
}

/** The 512-byte header of a regular file. */
export function tarHeader(path: string, size: number, mtime: Date = new Date()): Buffer {
  const header = Buffer.alloc(BLOCK, 0);
  const { name, prefix } = splitName(path);
  header.write(name, 0, 100, "utf8");
  header.write(octal(0o644, 8), 100, "ascii");
  header.write(octal(0, 8), 108, "ascii");
  header.write(octal(0, 8), 116, "ascii");
  header.write(octal(size, 12), 124, "ascii");
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, "ascii");
  header.write("        ", 148, "ascii");
  header.write("0", 156, "ascii");
  header.write("ustar\0", 257, "ascii");
  header.write("00", 263, "ascii");
  header.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of header) {
    sum += byte;
  }
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return header;
}

/** The zero bytes that bring an entry of `size` bytes to a whole block. */
export function tarPadding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest, 0);
}

/** Two empty blocks end the archive. */
export const tarEnd = Buffer.alloc(BLOCK * 2, 0);

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

/** Reads exact byte counts from a stream of chunks (a gunzip stream), keeping at most one chunk. */
export class ChunkReader {
  #source: AsyncIterator<Buffer>;
  #pending: Buffer = Buffer.alloc(0);
  #done = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  async #fill(): Promise<boolean> {
    if (this.#done) {
      return false;
    }
    const next = await this.#source.next();
    if (next.done) {
      this.#done = true;
      return false;
    }
    this.#pending = this.#pending.length ? Buffer.concat([this.#pending, next.value]) : next.value;
    return true;
  }

  /** The next `size` bytes, or null at the end of the stream (an error when it ends part-way). */
  async exact(size: number): Promise<Buffer | null> {
    while (this.#pending.length < size) {
      if (!(await this.#fill())) {
        if (this.#pending.length === 0) {
          return null;
        }
        throw new Error("truncated archive");
      }
    }
    const out = this.#pending.subarray(0, size);
    this.#pending = this.#pending.subarray(size);
    return out;
  }

  /** The next `size` bytes as they arrive, in chunks. */
  async *stream(size: number): AsyncGenerator<Buffer> {
    let left = size;
    while (left > 0) {
      if (this.#pending.length === 0 && !(await this.#fill())) {
        throw new Error("truncated archive");
      }
      const take = Math.min(left, this.#pending.length);
      const chunk = this.#pending.subarray(0, take);
      this.#pending = this.#pending.subarray(take);
      left -= take;
      yield chunk;
    }
  }
}

export interface TarEntry {
  path: string;
  size: number;
  /** The entry's bytes; must be read to the end before asking for the next entry. */
  body: AsyncGenerator<Buffer>;
}

/** The regular files of a tar stream, in order. */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ChunkReader(source);
  for (;;) {
    const header = await reader.exact(BLOCK);
    if (!header || header.every((byte) => byte === 0)) {
      return;
    }
    if (field(header, 257, 6) !== "ustar") {
      throw new Error("not a tar archive");
    }
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    const type = field(header, 156, 1) || "0";
    const path = prefix ? `${prefix}/${name}` : name;
    if (type === "0") {
      const progress = { left: size };
      const body = (async function* () {
        for await (const chunk of reader.stream(size)) {
          progress.left -= chunk.length;
          yield chunk;
        }
      })();
      yield { path, size, body };
      // Whatever the consumer left unread (it may have stopped early) is skipped.
      for await (const _ of reader.stream(progress.left)) {
        // skipped
      }
    } else {
      for await (const _ of reader.stream(size)) {
        // directories and anything else carry nothing a restore needs
      }
    }
    await reader.exact(tarPadding(size).length);
  }
}

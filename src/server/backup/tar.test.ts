import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCopyLine, encodeCopyValue } from "./session.ts";
import { readTar, tarEnd, tarHeader, tarPadding } from "./tar.ts";

function archive(files: Record<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  for (const [path, bytes] of Object.entries(files)) {
    parts.push(tarHeader(path, bytes.length), bytes, tarPadding(bytes.length));
  }
  parts.push(tarEnd);
  return Buffer.concat(parts);
}

/** Splits a buffer into small uneven chunks, as a gunzip stream might deliver it. */
async function* chunked(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0, size = 1; i < bytes.length; i += size, size = (size * 7) % 997 || 1) {
    yield bytes.subarray(i, i + size);
  }
}

describe("backup tar format", () => {
  const files = {
    "manifest.json": Buffer.from('{"a":1}'),
    "media/empty.webp": Buffer.alloc(0),
    [`media/${"thư-mục/".repeat(12)}ảnh.jpg`]: Buffer.alloc(1300, 7),
    "tables/public.units.tsv": Buffer.from("a\tb\n"),
  };

  it("reads back what it writes, whatever the chunking, even when an entry is left unread", async () => {
    const seen: Record<string, string> = {};
    for await (const entry of readTar(chunked(archive(files)))) {
      if (entry.path.startsWith("tables/")) {
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry.body) {
        chunks.push(chunk);
      }
      seen[entry.path] = Buffer.concat(chunks).toString("hex");
    }
    expect(Object.keys(seen)).toHaveLength(3);
    for (const [path, value] of Object.entries(seen)) {
      expect(value).toBe(files[path]?.toString("hex"));
    }
  });

  it("is a tar file that the system tar lists", async () => {
    const dir = await mkdtemp(join(tmpdir(), "caunoi-tar-"));
    try {
      await writeFile(join(dir, "a.tar"), archive(files));
      const listed = execFileSync("tar", ["-tf", join(dir, "a.tar")], { encoding: "utf8" })
        .trim()
        .split("\n");
      expect(listed).toEqual(Object.keys(files));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("escapes values as COPY text does and reads them back", () => {
    const values = ["tab\there", "line\nbreak\r\n", "back\\slash \\N", "", null, "Tiếng Việt đ"];
    const line = values.map(encodeCopyValue).join("\t");
    expect(line).not.toContain("\n");
    expect(decodeCopyLine(line)).toEqual(values);
  });
});

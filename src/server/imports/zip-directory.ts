/**
 * What an XLSX (a zip) holds, read from its central directory without inflating anything: the
 * entries, what they say they unpack to, and the raw bytes of each entry's local record, so that
 * the entries can be handed to a streaming reader in the order it needs.
 */
import { crc32, inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** What the central directory says the entry unpacks to (Infinity for a ZIP64 size). */
  declaredBytes: number;
  /** The local header, data and data descriptor of the entry, as stored. */
  record: Buffer;
}

export interface ZipDirectory {
  entries: Map<string, ZipEntry>;
  declaredBytes: number;
}

const localHeader = 0x04034b50;
const centralHeader = 0x02014b50;
const endOfDirectory = 0x06054b50;

/**
 * The entries of a zip held in memory, or null when its directory is missing or inconsistent
 * (an offset outside the file, a record that is not where the directory says). A size of
 * 0xFFFFFFFF means a ZIP64 entry of 4 GB or more, which no import needs.
 */
export function readZipDirectory(zip: Buffer): ZipDirectory | null {
  const minEnd = Math.max(0, zip.length - 22 - 0xffff);
  for (let end = zip.length - 22; end >= minEnd; end--) {
    if (zip.readUInt32LE(end) !== endOfDirectory) {
      continue;
    }
    const count = zip.readUInt16LE(end + 10);
    const directoryStart = zip.readUInt32LE(end + 16);
    const found: { name: string; declaredBytes: number; offset: number }[] = [];
    let offset = directoryStart;
    for (let n = 0; n < count; n++) {
      if (offset + 46 > end || zip.readUInt32LE(offset) !== centralHeader) {
        return null;
      }
      const size = zip.readUInt32LE(offset + 24);
      const nameLength = zip.readUInt16LE(offset + 28);
      const local = zip.readUInt32LE(offset + 42);
      if (local + 30 > directoryStart || zip.readUInt32LE(local) !== localHeader) {
        return null;
      }
      found.push({
        name: zip.toString("utf8", offset + 46, offset + 46 + nameLength),
        declaredBytes: size === 0xffffffff ? Number.POSITIVE_INFINITY : size,
        offset: local,
      });
      offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    }
    // A record runs to the next one (its data descriptor included), the last one to the directory.
    const starts = [...new Set(found.map((entry) => entry.offset)), directoryStart].sort((a, b) => a - b);
    const entries = new Map<string, ZipEntry>();
    for (const entry of found) {
      const next = starts[starts.indexOf(entry.offset) + 1] ?? directoryStart;
      entries.set(entry.name, {
        name: entry.name,
        declaredBytes: entry.declaredBytes,
        record: zip.subarray(entry.offset, next),
      });
    }
    return { entries, declaredBytes: found.reduce((total, entry) => total + entry.declaredBytes, 0) };
  }
  return null;
}

/**
 * The content of one entry, inflated with a hard limit on its real size (what the directory says
 * may be a lie); null when it is larger than `maxBytes` or cannot be inflated.
 */
export function inflateEntry(entry: ZipEntry, maxBytes: number): Buffer | null {
  const { record } = entry;
  const method = record.readUInt16LE(8);
  const start = 30 + record.readUInt16LE(26) + record.readUInt16LE(28);
  const data = record.subarray(start);
  if (method === 0) {
    return entry.declaredBytes <= maxBytes ? data.subarray(0, entry.declaredBytes) : null;
  }
  if (method !== 8) {
    return null;
  }
  try {
    // Inflating stops at the end of the deflate stream: a data descriptor after it is ignored.
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}

/** The local record of an uncompressed entry. */
export function storedRecord(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(localHeader, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, data]);
}

import { type FileHandle, open } from "node:fs/promises";

/**
 * MP4 videos are kept as uploaded (no transcoding), but phones write where they were filmed into
 * `udta`/`meta` boxes (©xyz, com.apple.quicktime.location.ISO6709) and XMP into `uuid` boxes. Those
 * boxes are renamed `free` and zeroed in place: same sizes, so every sample offset stays valid and players skip
 * them. Width, height and duration are read from the same pass.
 */
export interface Mp4Facts {
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
}

const privateBoxes = new Set(["udta", "meta", "uuid"]);
/** A moov of this size is not a phone video; it is left alone rather than read into memory. */
const maxMoovBytes = 64 * 1024 * 1024;

interface Box {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

function* children(buffer: Buffer, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = buffer.readUInt32BE(at);
    const type = buffer.toString("latin1", at + 4, at + 8);
    let headerSize = 8;
    if (size === 1 && at + 16 <= to) {
      size = Number(buffer.readBigUInt64BE(at + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < headerSize || at + size > to) {
      return;
    }
    yield { type, start: at, headerSize, size };
    at += size;
  }
}

/** Renamed `free` and zeroed: a player skips it, and what it said is gone from the bytes too. */
function scrub(buffer: Buffer, box: Box): void {
  buffer.write("free", box.start + 4, "latin1");
  buffer.fill(0, box.start + box.headerSize, box.start + box.size);
}

async function scrubInFile(file: FileHandle, at: number, headerSize: number, size: number): Promise<void> {
  await file.write(Buffer.from("free", "latin1"), 0, 4, at + 4);
  const zeros = Buffer.alloc(Math.min(size - headerSize, 1024 * 1024));
  for (let from = at + headerSize; from < at + size; from += zeros.length) {
    await file.write(zeros, 0, Math.min(zeros.length, at + size - from), from);
  }
}

function fixed1616(buffer: Buffer, at: number): number {
  return Math.round(buffer.readUInt32BE(at) / 65536);
}

function readMoov(moov: Buffer, facts: Mp4Facts): void {
  for (const box of children(moov, 0, moov.length)) {
    const body = box.start + box.headerSize;
    if (privateBoxes.has(box.type)) {
      scrub(moov, box);
    } else if (box.type === "mvhd") {
      const version = moov[body];
      const timescale = moov.readUInt32BE(body + (version === 1 ? 20 : 12));
      const duration = version === 1 ? Number(moov.readBigUInt64BE(body + 24)) : moov.readUInt32BE(body + 16);
      if (timescale > 0) {
        facts.durationSeconds = Math.round(duration / timescale);
      }
    } else if (box.type === "trak") {
      readTrack(moov, box, facts);
    }
  }
}

function readTrack(moov: Buffer, trak: Box, facts: Mp4Facts): void {
  let size: { width: number; height: number } | null = null;
  let isVideo = false;
  for (const box of children(moov, trak.start + trak.headerSize, trak.start + trak.size)) {
    const body = box.start + box.headerSize;
    if (privateBoxes.has(box.type)) {
      scrub(moov, box);
    } else if (box.type === "tkhd") {
      const sizeAt = body + (moov[body] === 1 ? 88 : 76);
      if (sizeAt + 8 <= box.start + box.size) {
        size = { width: fixed1616(moov, sizeAt), height: fixed1616(moov, sizeAt + 4) };
      }
    } else if (box.type === "mdia") {
      for (const inner of children(moov, body, box.start + box.size)) {
        if (inner.type === "hdlr") {
          isVideo =
            moov.toString(
              "latin1",
              inner.start + inner.headerSize + 8,
              inner.start + inner.headerSize + 12,
            ) === "vide";
        }
      }
    }
  }
  if (isVideo && size && size.width > 0 && facts.width === null) {
    facts.width = size.width;
    facts.height = size.height;
  }
}

/** Reads the facts of an MP4 file and blanks its location and XMP boxes, editing the file in place. */
export async function readAndScrubMp4(path: string): Promise<Mp4Facts> {
  const facts: Mp4Facts = { width: null, height: null, durationSeconds: null };
  const file = await open(path, "r+");
  try {
    const { size: fileSize } = await file.stat();
    const header = Buffer.alloc(16);
    let at = 0;
    while (at + 8 <= fileSize) {
      await file.read(header, 0, 16, at);
      let size = header.readUInt32BE(0);
      const type = header.toString("latin1", 4, 8);
      if (size === 1) {
        size = Number(header.readBigUInt64BE(8));
      } else if (size === 0) {
        size = fileSize - at;
      }
      if (size < 8 || at + size > fileSize) {
        break;
      }
      if (privateBoxes.has(type)) {
        await scrubInFile(file, at, header.readUInt32BE(0) === 1 ? 16 : 8, size);
      } else if (type === "moov" && size <= maxMoovBytes) {
        const moov = Buffer.alloc(size);
        await file.read(moov, 0, size, at);
        const headerSize = moov.readUInt32BE(0) === 1 ? 16 : 8;
        const inner = moov.subarray(headerSize);
        readMoov(inner, facts);
        await file.write(moov, 0, size, at);
      }
      at += size;
    }
  } finally {
    await file.close();
  }
  return facts;
}

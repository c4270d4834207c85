import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, asc, eq, inArray, like } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { verificationFiles } from "../../../db/schema/verification.ts";
import { writeFingerprints } from "../matching/index.ts";
import { addEvent } from "./events.ts";

/*
 * Reading the text in screenshots (Debian's tesseract-ocr with the Vietnamese data), so a rumour
 * sent only as an image matches the same rumour sent as text. A worker picks up image files waiting
 * for it (ocr_status "none" or "pending") every few seconds, whoever stored them; without the program
 * installed they are marked "unavailable" and the desk says so. TESSERACT_PATH names the program.
 */

const timeoutMs = 60_000;
const batchSize = 5;
/** OCR text kept: a screenshot of a long article is still one claim. */
const maxTextLength = 20_000;

export function tesseractPath(): string {
  return process.env.TESSERACT_PATH?.trim() || "tesseract";
}

function run(program: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, OMP_THREAD_LIMIT: "1" } },
      (error, stdout) => (error ? reject(error) : resolve({ stdout })),
    );
  });
}

const availability = new Map<string, { at: number; available: boolean }>();

/** Whether the program runs and has the Vietnamese data (asked again after a minute). */
export async function ocrAvailable(program = tesseractPath()): Promise<boolean> {
  const known = availability.get(program);
  if (known && Date.now() - known.at < 60_000) {
    return known.available;
  }
  let available = false;
  try {
    const { stdout } = await run(program, ["--list-langs"]);
    available = /^vie$/m.test(stdout);
  } catch {
    available = false;
  }
  availability.set(program, { at: Date.now(), available });
  return available;
}

/** Normalises tesseract's output: NFC (it emits decomposed marks at times), no empty lines. */
export function cleanOcrText(text: string): string {
  return text
    .normalize("NFC")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n")
    .slice(0, maxTextLength);
}

async function recognise(program: string, content: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "caunoi-ocr-"));
  try {
    const path = join(dir, "image");
    await writeFile(path, content);
    const { stdout } = await run(program, [path, "stdout", "-l", "vie+eng"]);
    return cleanOcrText(stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const waiting = inArray(verificationFiles.ocrStatus, ["none", "pending"]);

/**
 * One pass over the files waiting for OCR: each is read, its text stored, its case's matching keys
 * extended (for a tip's screenshot) and a line added to the timeline. A file another process finished
 * meanwhile is left as that process wrote it. Returns how many files were settled.
 */
export async function runOcrPass(db: Executor, program = tesseractPath()): Promise<number> {
  const files = await db
    .select({ id: verificationFiles.id })
    .from(verificationFiles)
    .where(and(waiting, like(verificationFiles.mimeType, "image/%")))
    .orderBy(asc(verificationFiles.createdAt))
    .limit(batchSize);
  if (files.length === 0) {
    return 0;
  }
  if (!(await ocrAvailable(program))) {
    await db
      .update(verificationFiles)
      .set({ ocrStatus: "unavailable" })
      .where(
        and(
          waiting,
          inArray(
            verificationFiles.id,
            files.map((file) => file.id),
          ),
        ),
      );
    return files.length;
  }
  for (const { id } of files) {
    const [file] = await db
      .select({ content: verificationFiles.content })
      .from(verificationFiles)
      .where(eq(verificationFiles.id, id));
    if (!file) {
      continue;
    }
    let text: string | null = null;
    try {
      text = await recognise(program, file.content);
    } catch {
      text = null;
    }
    await db.transaction(async (tx) => {
      const [settled] = await tx
        .update(verificationFiles)
        .set({ ocrStatus: text === null ? "failed" : "done", ocrText: text })
        .where(and(eq(verificationFiles.id, id), waiting))
        .returning({
          caseId: verificationFiles.caseId,
          tipId: verificationFiles.tipId,
          evidenceId: verificationFiles.evidenceId,
        });
      if (!settled) {
        return;
      }
      // Only what reporters sent is the claim; an official notice kept as evidence is not.
      if (text && settled.tipId) {
        await writeFingerprints(tx, settled.caseId, { text });
      }
      await addEvent(tx, settled.caseId, null, text === null ? "ocr_failed" : "ocr_done", {
        fileId: id,
        characters: text?.length ?? 0,
        excerpt: text ? text.slice(0, 200) : null,
      });
    });
  }
  return files.length;
}

/**
 * Files marked "unavailable" while the program was missing are read once it is installed: asked
 * once when the worker starts.
 */
async function requeueUnavailable(db: Executor): Promise<void> {
  if (await ocrAvailable()) {
    await db
      .update(verificationFiles)
      .set({ ocrStatus: "pending" })
      .where(
        and(eq(verificationFiles.ocrStatus, "unavailable"), like(verificationFiles.mimeType, "image/%")),
      );
  }
}

let kick: (() => void) | null = null;

/** Asks the running worker to look now rather than at its next tick (after a file was stored here). */
export function kickOcr(): void {
  kick?.();
}

/** Polls for waiting files every few seconds; one pass at a time. */
export function startOcrPolling(db: Executor, intervalMs = Number(process.env.OCR_POLL_MS) || 5_000) {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let requeued = false;
  const pass = () => {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        if (!requeued) {
          requeued = true;
          await requeueUnavailable(db);
        }
        // Drains the queue before resting: a batch at a time.
        while (!stopped && (await runOcrPass(db)) > 0) {}
      } catch {
        // The database may be closing (tests, shutdown); the next tick tries again.
      } finally {
        running = null;
        if (again) {
          again = false;
          pass();
        }
      }
    })();
  };
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  kick = pass;
  return async () => {
    stopped = true;
    clearInterval(timer);
    kick = null;
    await running;
  };
}

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { migrationsFolder } from "../db/migrate.ts";
import { readTar } from "./tar.ts";

export const BACKUP_FORMAT = "caunoi-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_PATH = "manifest.json";
export const SECRET_KEY_PATH = "secret.key";

const fileSchema = z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string() });

/** The first entry of a backup: what it holds and how to check it. */
export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  engine: z.enum(["pglite", "postgres"]),
  /** Drizzle's applied migrations, oldest first: the level the rows belong to. */
  migrations: z.array(z.object({ tag: z.string(), when: z.number(), hash: z.string() })),
  /** pg-boss's schema version, null when its queue was never started. */
  jobsSchemaVersion: z.number().int().nullable(),
  tables: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      file: z.string(),
      rows: z.number().int().nonnegative(),
      columns: z.array(z.object({ name: z.string(), type: z.string() })),
    }),
  ),
  sequences: z.array(z.object({ schema: z.string(), name: z.string(), lastValue: z.string().nullable() })),
  /** Every entry after the manifest, in the order it appears: table rows, media, the key file. */
  files: z.array(fileSchema),
  secretKeyIncluded: z.boolean(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupFile = z.infer<typeof fileSchema>;

export interface JournalEntry {
  tag: string;
  when: number;
}

/** The migrations this code knows, oldest first. */
export async function readJournal(folder = migrationsFolder): Promise<JournalEntry[]> {
  const journal = JSON.parse(await readFile(join(folder, "meta/_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

export async function sha256OfFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

/**
 * The stored media files below `mediaDir`, as paths relative to it with "/" separators. Uploads
 * still being received (`incoming/`) are not part of the library yet and are left out.
 */
export async function listMediaFiles(mediaDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(mediaDir, { recursive: true, withFileTypes: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return [];
    }
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(mediaDir, entry);
    const rel = relative(mediaDir, path).split(sep).join("/");
    if (rel === "incoming" || rel.startsWith("incoming/")) {
      continue;
    }
    if ((await stat(path)).isFile()) {
      files.push(rel);
    }
  }
  return files.sort();
}

/** Reads only the manifest of a backup file (its first entry), checking the format. */
export async function readManifest(file: string): Promise<BackupManifest> {
  const stream = createReadStream(file).pipe(createGunzip());
  try {
    for await (const entry of readTar(stream)) {
      if (entry.path !== MANIFEST_PATH) {
        break;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry.body) {
        chunks.push(chunk);
      }
      return parseManifest(Buffer.concat(chunks));
    }
    throw new Error("no manifest");
  } finally {
    stream.destroy();
  }
}

export function parseManifest(bytes: Buffer): BackupManifest {
  const parsed = manifestSchema.safeParse(JSON.parse(bytes.toString("utf8")));
  if (!parsed.success) {
    throw new Error(`manifest: ${parsed.error.message}`);
  }
  return parsed.data;
}

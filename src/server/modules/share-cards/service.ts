import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Executor } from "../../db/client.ts";
import { mediaForPublish } from "../media/index.ts";
import { type CardSize, cleanLine, renderCard, templateRevision } from "./template.ts";

/** What a card shows: a title, its unit's name and its first picture (a media library id). */
export interface CardSource {
  /** Names the card's folder in the cache: a post's id, or another owner's (a share kit's) key. */
  key: string;
  title: string;
  unitName: string;
  mediaIds: readonly string[];
}

/** The first image among a post's media, with its file on this machine; videos are passed over. */
export async function coverOf(
  db: Executor,
  mediaIds: readonly string[],
  publicUrl: string,
): Promise<{ id: string; path: string } | null> {
  for (const id of mediaIds) {
    // A picture deleted since makes a card without it, not a failed card.
    const [item] = await mediaForPublish(db, [id], publicUrl).catch(() => []);
    if (item?.kind === "image" && item.path) {
      return { id: item.id, path: item.path };
    }
  }
  return null;
}

/**
 * The cache key's last part: a digest of everything drawn (and the template's revision). A post's
 * version also moves on body edits the card never shows, and the portal's card draws the portal
 * variant's title; the digest changes exactly when the picture would.
 */
function digestOf(source: CardSource, coverId: string | null, size: CardSize): string {
  return createHash("sha256")
    .update(
      JSON.stringify([templateRevision, size, cleanLine(source.title), cleanLine(source.unitName), coverId]),
    )
    .digest("hex")
    .slice(0, 20);
}

const inFlight = new Map<string, Promise<Buffer>>();

/**
 * The card as PNG, from `<dir>/<post id>/<size>-<digest>.png` when drawn before. A first request
 * draws it, writes it atomically and removes that post's older card of the same size; requests
 * arriving while it is drawn share the one drawing (a shared link brings many at once).
 */
export async function shareCard(
  db: Executor,
  options: { dir: string; publicUrl: string },
  source: CardSource,
  size: CardSize,
): Promise<{ png: Buffer; fromCache: boolean }> {
  const cover = await coverOf(db, source.mediaIds, options.publicUrl);
  const postDir = join(options.dir, source.key);
  const name = `${size}-${digestOf(source, cover?.id ?? null, size)}.png`;
  const file = join(postDir, name);
  const cached = await readFile(file).catch(() => null);
  if (cached) {
    return { png: cached, fromCache: true };
  }
  let drawing = inFlight.get(file);
  if (!drawing) {
    drawing = (async () => {
      const png = await renderCard(
        { title: source.title, unitName: source.unitName, coverPath: cover?.path ?? null },
        size,
      );
      await mkdir(postDir, { recursive: true });
      const scratch = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(scratch, png);
      await rename(scratch, file);
      const stale = (await readdir(postDir)).filter(
        (entry) => entry.startsWith(`${size}-`) && entry !== name && entry.endsWith(".png"),
      );
      await Promise.all(stale.map((entry) => rm(join(postDir, entry), { force: true })));
      return png;
    })().finally(() => inFlight.delete(file));
    inFlight.set(file, drawing);
  }
  return { png: await drawing, fromCache: false };
}

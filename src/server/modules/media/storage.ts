import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Where media files live. Keys are random (128 bits) so a file's address cannot be guessed from
 * another's; on disk they are spread over two levels of folders so no folder grows to millions.
 * This is the local-disk store; an S3-compatible one would implement the same four operations.
 */
export interface MediaStorage {
  /** Absolute path of a stored file (local disk), for connectors that upload the file itself. */
  pathOf(key: string): string;
  putFile(key: string, sourcePath: string): Promise<void>;
  putBuffer(key: string, data: Buffer): Promise<void>;
  remove(key: string): Promise<void>;
  /** A scratch file path for an upload in progress, on the same disk so it can be moved in. */
  scratchPath(): Promise<string>;
  exists(key: string): Promise<boolean>;
}

export const mediaExtensions = {
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/webm": "webm",
};
export type StoredMime = keyof typeof mediaExtensions;

const contentTypes: Record<string, StoredMime> = {
  jpg: "image/jpeg",
  webp: "image/webp",
  mp4: "video/mp4",
  webm: "video/webm",
};

/** The only shape a key can have; anything else (dots, slashes, encodings) is not a stored file. */
const keyPattern = /^[0-9a-f]{32}(?:-thumb)?\.(?:jpg|webp|mp4|webm)$/;

export function isMediaKey(value: string): boolean {
  return keyPattern.test(value);
}

export function contentTypeOfKey(key: string): StoredMime {
  return contentTypes[key.slice(key.lastIndexOf(".") + 1)] ?? "image/jpeg";
}

/** A fresh random file name and its thumbnail's. */
export function newMediaKeys(mime: StoredMime): { key: string; thumbnailKey: string } {
  const id = randomBytes(16).toString("hex");
  return { key: `${id}.${mediaExtensions[mime]}`, thumbnailKey: `${id}-thumb.webp` };
}

export function localMediaStorage(root: string): MediaStorage {
  const pathOf = (key: string) => {
    if (!isMediaKey(key)) {
      throw new Error(`not a media key: ${key}`);
    }
    return join(root, key.slice(0, 2), key.slice(2, 4), key);
  };
  return {
    pathOf,
    async putFile(key, sourcePath) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      await rename(sourcePath, target);
    },
    async putBuffer(key, data) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data, { flag: "wx" });
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async scratchPath() {
      const dir = join(root, "incoming");
      await mkdir(dir, { recursive: true });
      return join(dir, `${randomBytes(12).toString("hex")}.part`);
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch {
        return false;
      }
    },
  };
}

let fallbackStorage: MediaStorage | null = null;

/** The store the running server uses; set once at start-up by the routes. */
export function setDefaultMediaStorage(storage: MediaStorage): void {
  fallbackStorage = storage;
}

/** The store set at start-up; a publish outside the server (tests) passes its own. */
export function defaultStorage(): MediaStorage {
  if (!fallbackStorage) {
    throw new Error("media storage not configured: register the media routes first");
  }
  return fallbackStorage;
}

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface LockHolder {
  pid: number;
  purpose: "server" | "cli";
  port?: number;
  startedAt: string;
}

function lockPathOf(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Who holds the embedded data directory now, or null (a lock left by a dead process does not count). */
export function currentLockHolder(dataDir: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(lockPathOf(dataDir), "utf8")) as LockHolder;
    return isAlive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

/**
 * PGlite is one process per data directory; two writers would corrupt it. This takes an exclusive
 * lock file beside the directory, or returns the live holder when someone else has it.
 */
export function acquireDataDirLock(
  dataDir: string,
  holder: Omit<LockHolder, "pid" | "startedAt">,
): { release: () => void } | { heldBy: LockHolder } {
  const path = lockPathOf(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  const me: LockHolder = { ...holder, pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: "wx" });
      let released = false;
      return {
        release: () => {
          if (!released) {
            released = true;
            rmSync(path, { force: true });
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
      const live = currentLockHolder(dataDir);
      if (live) {
        return { heldBy: live };
      }
      // The holder died without cleaning up (crash, kill -9): the lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

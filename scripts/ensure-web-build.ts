import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const webSources = join(repoRoot, "src/web");
const viteConfig = join(repoRoot, "vite.config.ts");
const builtIndex = join(repoRoot, "dist/web/index.html");

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) {
    return 0;
  }
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** True when dist/web is missing or older than a web source file or the Vite config. */
export function webBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) {
    return true;
  }
  const built = statSync(builtIndex).mtimeMs;
  const sources = Math.max(
    newestMtime(webSources),
    existsSync(viteConfig) ? statSync(viteConfig).mtimeMs : 0,
  );
  return sources > built;
}

/**
 * Builds the web app with Vite only when it is stale, so a second start is fast. Without Vite
 * installed (a production install without dev dependencies) it warns and leaves the API running alone.
 */
export async function ensureWebBuild(
  options: { quiet?: boolean } = {},
): Promise<"fresh" | "built" | "skipped"> {
  if (!webBuildIsStale()) {
    return "fresh";
  }
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    console.warn(
      "Không tìm thấy Vite nên chưa dựng được giao diện web; API vẫn chạy. / Vite is not installed, so the web app was not built; the API still runs.",
    );
    return "skipped";
  }
  const started = performance.now();
  if (!options.quiet) {
    console.log("Đang dựng giao diện web / Building the web app…");
  }
  // Vite's per-file table is noise at every start; warnings and errors still show.
  await vite.build({ configFile: viteConfig, logLevel: "warn" });
  if (!options.quiet) {
    console.log(
      `Giao diện web đã dựng xong / web app built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return "built";
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureWebBuild();
}

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));

/**
 * Writes .br and .gz beside every text asset, so the server sends members on slow mobile networks
 * compressed files without compressing on each request (@fastify/static's preCompressed).
 */
function precompressAssets(): Plugin {
  return {
    name: "caunoi-precompress",
    apply: "build",
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
        );
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) {
          continue;
        }
        const content = readFileSync(file);
        if (content.length < 1024) {
          continue;
        }
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/** The web app: sources in src/web, built into dist/web, which the server serves with an index.html fallback. */
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompressAssets()],
  build: {
    outDir,
    emptyOutDir: true,
    // Our own code is small; the limit flags a vendor library creeping into the first page.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    // The API server during development; CAUNOI_DEV_API points elsewhere (e.g. another port). The public
    // pages are rendered by the server too, so Vite's own index.html fallback must not answer them.
    proxy: Object.fromEntries(
      ["/api/", "/kiem-tra", "/danh-ba"].map((path) => [
        path,
        process.env.CAUNOI_DEV_API ?? "http://localhost:3000",
      ]),
    ),
  },
});

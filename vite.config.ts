import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));

/** The web app: sources in src/web, built into dist/web, which the server serves with an index.html fallback. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Our own code is small; the limit flags a vendor library creeping into the first page.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    // The API server during development; CAUNOI_DEV_API points elsewhere (e.g. another port).
    proxy: { "/api/": process.env.CAUNOI_DEV_API ?? "http://localhost:3000" },
  },
});

#!/usr/bin/env node
// Node 24 runs the TypeScript sources directly (type stripping), so the CLI needs no build step.
// An older `node` first on the PATH would fail with a syntax error, so say what is wrong instead.
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(
    `Cầu Nối cần Node.js 24 trở lên (đang chạy ${process.versions.node}); hãy chạy bằng "npx caunoi …" trong thư mục dự án.\n` +
      `Cầu Nối needs Node.js 24 or later (this is ${process.versions.node}); run it as "npx caunoi …" in the project directory.`,
  );
  process.exit(1);
}
// Cache the compiled modules on disk: loading the ORM and its dialects dominates a short command.
const { enableCompileCache } = await import("node:module");
enableCompileCache?.();
const { runCli, tuneForShortRun } = await import("../src/cli/main.ts");
tuneForShortRun();
process.exitCode = await runCli(process.argv.slice(2));

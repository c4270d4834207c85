import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { acquireDataDirLock } from "./db/data-dir-lock.ts";
import { runMigrations } from "./db/migrate.ts";
import { startJobQueue } from "./jobs/queue.ts";
import { createMailer } from "./mail/mailer.ts";
import { repairStoredKitTargets } from "./modules/advocacy/index.ts";
import { ensureAdminAreas, repairProvincialMassOrganisations } from "./modules/org/index.ts";
import { repairStoredVariantAddresses } from "./modules/publishing/index.ts";
import { logger, setLogLevel } from "./platform/logger.ts";
import { ensureAdministrator, ensureRootUnit, isEmptyOrganisation } from "./seed/bootstrap.ts";
import { seedDemoOrganisation } from "./seed/demo.ts";
import { seedDemoAdvocacy } from "./seed/demo-advocacy.ts";
import { seedDemoInbox } from "./seed/demo-inbox.ts";
import { seedDemoPosts } from "./seed/demo-posts.ts";
import { demoAccountLines, demoAccountsPresent } from "./seed/demo-summary.ts";
import { seedDemoVerification } from "./seed/demo-verification.ts";

const config = loadConfig();
setLogLevel(config.logLevel);

let releaseLock = () => {};
if (!config.databaseUrl) {
  const lock = acquireDataDirLock(config.dataDir, { purpose: "server", port: config.port });
  if ("heldBy" in lock) {
    logger.fatal(
      `Thư mục dữ liệu ${config.dataDir} đang được tiến trình ${lock.heldBy.pid} (${lock.heldBy.purpose}) sử dụng. Vui lòng dừng nó trước.\n` +
        `The data directory ${config.dataDir} is in use by process ${lock.heldBy.pid} (${lock.heldBy.purpose}). Stop it first.`,
    );
    process.exit(1);
  }
  releaseLock = lock.release;
}

// Made (or read) now, so a malformed CAUNOI_SECRET_KEY or an unwritable key file stops the start, not a publish.
config.secretKey();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await runMigrations(database);
await ensureAdminAreas(database.db);
// Addresses stored as typed by earlier versions are made header-safe before any request can send one.
for (const [what, repair] of [
  ["share kits", repairStoredKitTargets],
  ["post variants", repairStoredVariantAddresses],
] as const) {
  const { repaired, unrepairable } = await repair(database.db);
  if (repaired > 0 || unrepairable.length > 0) {
    logger.warn(
      `Địa chỉ đã lưu / stored addresses (${what}): ${repaired} đã chuẩn hóa / normalised, ${unrepairable.length} không dùng được / unusable${unrepairable.length > 0 ? `: ${unrepairable.slice(0, 10).join(", ")}` : ""}`,
    );
  }
}

const reKinded = await repairProvincialMassOrganisations(database.db);
if (reKinded.length > 0) {
  logger.warn(
    `Tổ chức chính trị – xã hội trước đây lưu là chi đoàn/chi hội / provincial mass organisations stored as branches: ${reKinded.join(", ")}`,
  );
}

const firstStart = await isEmptyOrganisation(database.db);
let demoPassword: string | null = null;
if (firstStart && config.demo) {
  console.log("Đang tạo dữ liệu mẫu / Creating demo data…");
  demoPassword = (await seedDemoOrganisation(database.db)).demoPassword;
}
const rootUnitId = await ensureRootUnit(database.db, process.env.CAUNOI_ORG_NAME ?? "Đơn vị cấp cao nhất");
const admin = await ensureAdministrator(database.db, {
  email: config.adminEmail,
  password: config.adminPassword,
  rootUnitId,
});

const jobs = await startJobQueue(database);
const mailer = createMailer({
  smtpUrl: config.smtpUrl,
  from: config.mailFrom,
  // Without SMTP the letters themselves are shown to whoever runs the server (reset links): output, not logging.
  log: (line) => console.log(line),
});
if (demoPassword) {
  await seedDemoPosts(database.db, { publicUrl: config.publicUrl, mediaDir: config.mediaDir });
  await seedDemoAdvocacy(database.db, { publicUrl: config.publicUrl });
  await seedDemoVerification(database.db, { publicUrl: config.publicUrl, jobs });
  await seedDemoInbox({ config, database, jobs, mailer });
}
// Later starts say again which demo accounts exist and how to set their shared password anew.
const demoLines = demoAccountLines({ accounts: await demoAccountsPresent(database.db), demoPassword });
const app = await buildApp({ config, database, jobs, mailer });
await app.listen({ port: config.port, host: config.host });

// Once serving (a failed start must still stop the process): a fault in one request or one
// background task is logged and the server goes on serving everyone else; an exception that escaped
// every handler must never take the whole service down.
process.on("uncaughtException", (error, origin) => {
  app.log.error({ err: error, origin }, "uncaught exception; the server keeps running");
});
process.on("unhandledRejection", (reason) => {
  app.log.error({ err: reason }, "unhandled promise rejection; the server keeps running");
});

// Since the process began, so module loading is counted too.
const seconds = process.uptime().toFixed(1);
const engine = database.engine === "pglite" ? `PGlite (${config.dataDir})` : "PostgreSQL";
console.log(
  [
    "",
    `Cầu Nối đang chạy / is running: ${config.publicUrl}`,
    `  Cơ sở dữ liệu / database: ${engine}; khởi động / started in ${seconds} s`,
    `  Đăng nhập / sign in: ${admin.email}`,
    admin.password
      ? `  Mật khẩu / password: ${admin.password}`
      : "  Mật khẩu: như đã đặt lần đầu (quên thì chạy: npx caunoi password reset --email …) / password: as set at first start",
    `  API: ${config.publicUrl}/docs`,
    ...demoLines,
    ...(demoLines.length > 0 ? [`  Trang tin mẫu / demo portal: ${config.publicUrl}/u/TQ`] : []),
    "",
  ].join("\n"),
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) {
    return;
  }
  closing = true;
  console.log(`${signal}: đang dừng / shutting down…`);
  const force = setTimeout(() => {
    releaseLock();
    process.exit(1);
  }, 15_000);
  force.unref();
  try {
    await app.close();
    await jobs.stop();
    await database.close();
  } finally {
    releaseLock();
    clearTimeout(force);
  }
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

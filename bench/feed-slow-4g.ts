/**
 * How soon a member's share feed is usable on a slow phone network: the server-rendered /share page,
 * its first kit card and share button on screen and its script run. Starts the real server
 * (src/server/main.ts, the built web app, the demo province) in a fresh data directory on a free
 * port, has the demo editor make a few share kits for the province, signs the demo member in, and
 * then opens /share in Chromium with a cold cache, the network throttled to Lighthouse's slow 4G
 * and the CPU slowed 4×. Prints the time from navigation until the first kit card and its share
 * button are on screen (median of several runs), with the bytes and requests it took.
 *
 * Two throttling profiles: the figures Lighthouse names (150 ms RTT, 1.6 Mbps down, 750 kbps up)
 * applied as DevTools applies them, and Lighthouse's own DevTools equivalents of the same profile,
 * which add its request-latency factor (562.5 ms per request, 1.47 Mbps down, 675 kbps up).
 *
 * Run: node bench/feed-slow-4g.ts [runs] (default 5). Chromium: CHROMIUM_PATH or /usr/bin/chromium.
 * FEED_BENCH_URL=http://host:port measures a server already running instead (give its demo
 * password in CAUNOI_DEMO_PASSWORD); kits are still added to it.
 * FEED_BENCH_TRACE=1 prints each visit's requests with when they finished and their size.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, request } from "playwright-core";
import { ensureWebBuild } from "../scripts/ensure-web-build.ts";
import { freePort, waitUntilReady } from "../test/helpers/real-server.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const runs = Number(process.argv[2] ?? "5") || 5;
/** A server already running (its demo accounts' password in CAUNOI_DEMO_PASSWORD), instead of starting one. */
const existingUrl = process.env.FEED_BENCH_URL;
const demoPassword = existingUrl ? (process.env.CAUNOI_DEMO_PASSWORD ?? "") : "matkhau-demo-bench-2025";
const editorEmail = "trang.lethu@tuyenquang.caunoi.example";
const memberEmail = "hoa.mathi@tuyenquang.caunoi.example";
/** The feed counts as usable once this many milliseconds have passed at most (the target). */
const targetMs = 2000;

/** A network profile for Network.emulateNetworkConditions: latency in ms, throughput in bytes/s. */
interface Profile {
  name: string;
  latency: number;
  downloadThroughput: number;
  uploadThroughput: number;
}

const kbps = (value: number) => (value * 1024) / 8;
const profiles: Profile[] = [
  {
    name: "slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up)",
    latency: 150,
    downloadThroughput: kbps(1.6 * 1024),
    uploadThroughput: kbps(750),
  },
  {
    // Lighthouse's `throttling.mobileSlow4G` as DevTools throttling: RTT × 3.75, throughput × 0.9.
    name: "slow 4G, Lighthouse DevTools factors (562.5 ms, 1.47 Mbps down, 675 kbps up)",
    latency: 150 * 3.75,
    downloadThroughput: kbps(1.6 * 1024 * 0.9),
    uploadThroughput: kbps(750 * 0.9),
  },
];

let output = "";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Has the demo editor make `count` kits of the demo's published articles, for the whole province. */
async function makeKits(baseUrl: string, count: number): Promise<void> {
  const editor = await request.newContext({ baseURL: baseUrl });
  try {
    const signedIn = await editor.post("/api/auth/sign-in", {
      data: { email: editorEmail, password: demoPassword },
    });
    if (!signedIn.ok()) {
      throw new Error(`the editor could not sign in: ${signedIn.status()} ${await signedIn.text()}`);
    }
    const session = await (await editor.get("/api/auth/session")).json();
    const posts = await (await editor.get("/api/posts?status=published&pageSize=20")).json();
    const published = posts.items as { id: string; unitId: string; title: string }[];
    if (published.length === 0) {
      throw new Error("the demo has no published post");
    }
    for (let index = 0; index < count; index++) {
      const post = published[index % published.length];
      if (!post) {
        continue;
      }
      const made = await editor.post("/api/share-kits", {
        headers: { "x-csrf-token": session.csrfToken },
        data: {
          unitId: post.unitId,
          postId: post.id,
          captions: [`Mời bà con cùng đọc: ${post.title}`, "Tin chính thức, hãy chia sẻ cho người thân."],
        },
      });
      if (made.status() !== 201) {
        throw new Error(`a kit was refused: ${made.status()} ${await made.text()}`);
      }
    }
  } finally {
    await editor.dispose();
  }
}

type StorageState = Awaited<ReturnType<Awaited<ReturnType<typeof request.newContext>>["storageState"]>>;

/** Signs the demo member in once (sign-ins are rate-limited) and keeps the session cookie. */
async function signInMember(baseUrl: string): Promise<StorageState> {
  const member = await request.newContext({ baseURL: baseUrl });
  try {
    const signedIn = await member.post("/api/auth/sign-in", {
      data: { email: memberEmail, password: demoPassword },
    });
    if (!signedIn.ok()) {
      throw new Error(`the member could not sign in: ${signedIn.status()} ${await signedIn.text()}`);
    }
    return await member.storageState();
  } finally {
    await member.dispose();
  }
}

interface Measurement {
  readyMs: number;
  bytes: number;
  requests: number;
  button: string;
}

/** One cold visit of /share under `profile`: a fresh browser context, empty cache, throttled. */
async function measure(
  browser: Awaited<ReturnType<typeof chromium.launch>>,
  baseUrl: string,
  profile: Profile,
  signedIn: StorageState,
): Promise<Measurement> {
  // The member's session cookie only: the context's cache starts empty.
  const context = await browser.newContext({
    storageState: signedIn,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
  });
  try {
    const page = await context.newPage();
    // Notes, in the page's own clock, when the first kit card and a share button in it are visible.
    await page.addInitScript(() => {
      const visible = (element: Element | null) => {
        if (!element) {
          return false;
        }
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.top < window.innerHeight;
      };
      const check = () => {
        const card = document.querySelector('[data-testid="feed-kit"]');
        const button =
          card?.querySelector('[data-testid="feed-native"]:not([hidden])') ??
          card?.querySelector('[data-testid="feed-copy"]');
        if (visible(card) && button && visible(button)) {
          const marks = window as unknown as { __feedReady?: number; __feedButton?: string };
          marks.__feedReady = performance.now();
          marks.__feedButton = button.getAttribute("data-testid") ?? "";
          return true;
        }
        return false;
      };
      const observer = new MutationObserver(() => {
        if (check()) {
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true, attributes: true });
    });
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    let requests = 0;
    const started = new Map<string, { url: string; at: number }>();
    const trace: string[] = [];
    cdp.on(
      "Network.requestWillBeSent",
      (event: { requestId: string; request: { url: string }; timestamp: number }) => {
        started.set(event.requestId, { url: event.request.url, at: event.timestamp });
      },
    );
    cdp.on(
      "Network.loadingFinished",
      (event: { requestId: string; encodedDataLength: number; timestamp: number }) => {
        bytes += event.encodedDataLength;
        requests += 1;
        const start = started.get(event.requestId);
        if (start) {
          trace.push(
            `${String(Math.round((event.timestamp - (first ?? start.at)) * 1000)).padStart(6)} ms ` +
              `${String(Math.round((event.encodedDataLength / 1024) * 10) / 10).padStart(7)} KiB ` +
              `(${Math.round((event.timestamp - start.at) * 1000)} ms) ${start.url.replace(baseUrl, "")}`,
          );
        }
      },
    );
    let first: number | undefined;
    cdp.once("Network.requestWillBeSent", (event: { timestamp: number }) => {
      first = event.timestamp;
    });
    await cdp.send("Network.enable");
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.downloadThroughput,
      uploadThroughput: profile.uploadThroughput,
      connectionType: "cellular4g",
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(`${baseUrl}/share`, { waitUntil: "commit" });
    await page.waitForFunction(
      // Visible, and its buttons working (the page's script has run).
      () => {
        const marks = window as { __feedReady?: number; __feedScriptReady?: number };
        return typeof marks.__feedReady === "number" && typeof marks.__feedScriptReady === "number";
      },
      null,
      {
        timeout: 60_000,
        polling: 100,
      },
    );
    const { readyMs, button } = await page.evaluate(() => {
      const marks = window as unknown as {
        __feedReady: number;
        __feedScriptReady: number;
        __feedButton: string;
      };
      return { readyMs: Math.max(marks.__feedReady, marks.__feedScriptReady), button: marks.__feedButton };
    });
    if (process.env.FEED_BENCH_TRACE) {
      console.log(`  ${profile.name}: ready at ${Math.round(readyMs)} ms\n${trace.join("\n")}`);
    }
    return { readyMs, bytes, requests, button };
  } finally {
    await context.close();
  }
}

/** Starts the server on a free port with a fresh data directory; stops it and removes the data at the end. */
async function startServer(): Promise<{ url: string; wait: () => Promise<void>; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), "caunoi-feed-bench-"));
  await ensureWebBuild({ quiet: true });
  const child = spawn(process.execPath, ["src/server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      CAUNOI_ADMIN_EMAIL: "quantri.bench@caunoi.local",
      CAUNOI_ADMIN_PASSWORD: "matkhau-bench-2025-rat-dai",
      CAUNOI_DEMO_PASSWORD: demoPassword,
      DATABASE_URL: "",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  process.on("exit", () => child.kill("SIGKILL"));
  return {
    url,
    wait: () => waitUntilReady(url, child, 180_000, () => output),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const server = existingUrl ? null : await startServer();
const baseUrl = existingUrl ?? server?.url ?? "";
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  await server?.wait();
  await makeKits(baseUrl, 12);
  const signedIn = await signInMember(baseUrl);
  // One unthrottled visit first, so the server has rendered the cards and warmed its caches:
  // what is measured is the phone's side, not the first card ever drawn.
  await measure(
    browser,
    baseUrl,
    {
      name: "warm-up",
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    },
    signedIn,
  );
  console.log(`Member's share feed (/share), cold cache, 360 px phone, CPU 4× slower, ${runs} runs each`);
  for (const profile of profiles) {
    const results: Measurement[] = [];
    for (let run = 0; run < runs; run++) {
      results.push(await measure(browser, baseUrl, profile, signedIn));
    }
    const times = results.map((result) => result.readyMs);
    const first = results[0];
    console.log(
      [
        `  ${profile.name}:`,
        `    first kit card and its share button visible: median ${Math.round(median(times))} ms`,
        `      (min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}; target ${targetMs} ms:`,
        `       ${median(times) <= targetMs ? "met" : "NOT met"})`,
        `    transferred: ${((first?.bytes ?? 0) / 1024) | 0} KiB in ${first?.requests ?? 0} requests`,
        `    share button seen: ${first?.button ?? ""}`,
      ].join("\n"),
    );
  }
} finally {
  await browser.close();
  await server?.stop();
}

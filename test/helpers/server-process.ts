import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitUntilReady } from "./real-server.ts";
import { createServerDatabase } from "./server-database.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Where a crash test's server keeps its data: a temporary PGlite directory, or a fresh PostgreSQL database. */
export interface ServerStorage {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** Storage on the engine the test run is for (PostgreSQL when TEST_DATABASE_URL is set). */
export async function serverStorage(prefix: string): Promise<ServerStorage> {
  const dataDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const database = await createServerDatabase(serverUrl, prefix.replaceAll("-", "_"));
    return {
      env: { DATABASE_URL: database.url, DATA_DIR: dataDir },
      dispose: async () => {
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    env: { DATABASE_URL: "", DATA_DIR: dataDir },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** The real server (`node src/server/main.ts`) in a child process, as an operator starts it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** kill -9: no handler runs, nothing is flushed. */
  killHard(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the server on the given storage and waits until it is ready. */
export async function startServerProcess(options: {
  storage: ServerStorage;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["src/server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
      CAUNOI_DEMO: "0",
      ...options.storage.env,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  try {
    await waitUntilReady(url, child, options.timeoutMs ?? 120_000, () => output);
  } catch (error) {
    await stopWith("SIGKILL");
    throw error;
  }
  return {
    url,
    child,
    output: () => output,
    killHard: () => stopWith("SIGKILL"),
    stop: () => stopWith("SIGTERM"),
  };
}

/** A signed-in API client of a running server: the session cookie and the CSRF header. */
export async function signInOver(url: string, email: string, password: string) {
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!signIn.ok) {
    throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  }
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const session = (await (await fetch(`${url}/api/auth/session`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        cookie,
        "x-csrf-token": session.csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: () => JSON.parse(text), text };
  };
}

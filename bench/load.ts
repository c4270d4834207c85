import http from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Sends GET requests from `connections` keep-alive connections for `seconds` (bounded in time and
 * count), to this machine only, and reports throughput and latency percentiles in milliseconds.
 */
export async function runLoad(options: {
  port: number;
  path: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  maxRequests?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const maxRequests = options.maxRequests ?? 1_000_000;
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const request = http.get(
        { host: "127.0.0.1", port: options.port, path: options.path, headers: options.headers, agent },
        (response) => {
          response.resume();
          response.on("end", () => {
            latencies.push(performance.now() - t0);
            if ((response.statusCode ?? 500) >= 400) {
              errors++;
            }
            resolve();
          });
        },
      );
      request.on("error", () => {
        errors++;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline && sent < maxRequests) {
        sent++;
        await one();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

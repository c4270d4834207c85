import { type Logger, pino } from "pino";

/**
 * The one logger of the process: requests (Fastify is given it), background jobs and start-up all
 * write through it, as JSON lines with the same fields, so that an operator reads one stream.
 * Its level is set once at start from the configuration (LOG_LEVEL).
 */
export const logger: Logger = pino({ level: process.env.LOG_LEVEL ?? "warn" });

export function setLogLevel(level: string): void {
  logger.level = level;
}

/** A logger for one part of the process (`{ part: "jobs" }`), so its lines can be filtered. */
export function loggerFor(part: string): Logger {
  return logger.child({ part });
}

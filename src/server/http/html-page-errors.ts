import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../platform/errors.ts";

/** What a server-rendered page's error page is drawn from. */
export interface HtmlProblem {
  status: number;
  /** The Vietnamese reason when the reader can act on it; none for a server fault. */
  message?: string | undefined;
  retryAfterSeconds?: number | undefined;
}

/** Seconds from a Retry-After header the rate limiter already set, if any. */
function retryAfterOf(reply: FastifyReply): number | undefined {
  const value = Number(reply.getHeader("retry-after"));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

/**
 * Makes every failure of the pages registered in `app` (a plugin of server-rendered pages citizens
 * open in a browser) answer a Vietnamese HTML page drawn by `render`, never the API's problem+json:
 * the catalogue's words for an AppError, `invalidInput` for a refused query or form, nothing that
 * reveals a server fault (which is logged as `what` failed).
 */
export function answerFailuresWithHtml(
  app: FastifyInstance,
  options: { what: string; invalidInput?: string; render: (problem: HtmlProblem) => string },
): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let status = 500;
    let message: string | undefined;
    if (error instanceof AppError) {
      status = error.status;
      message = error.messages.vi;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      status = 400;
      message = options.invalidInput;
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
    }
    if (status >= 500) {
      request.log.error({ err: error }, `${options.what} failed`);
      message = undefined;
    }
    reply
      .status(status)
      .type("text/html; charset=utf-8")
      // An error must not be kept by a shared cache as if it were the page.
      .header("cache-control", "no-store")
      .send(options.render({ status, message, retryAfterSeconds: retryAfterOf(reply) }));
  });
}

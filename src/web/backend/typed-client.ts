/**
 * The API client typed by route: `api("POST", "/api/me/declarations/:id/status", { params, body })`
 * checks the path, the params, the query and the body against the shared API contract
 * (src/shared/api/<module>.ts) and returns the response as JSON carries it. A path that is not a
 * route, or a body of the wrong shape, does not compile.
 */

import type { z } from "zod";
import type { advocacyEndpoints } from "../../shared/api/advocacy.ts";
import type { authEndpoints } from "../../shared/api/auth.ts";
import type { channelEndpoints } from "../../shared/api/channels.ts";
import type { connectionEndpoints } from "../../shared/api/connections.ts";
import type { declarationEndpoints } from "../../shared/api/declarations.ts";
import type { inboxEndpoints } from "../../shared/api/inbox.ts";
import type { mediaEndpoints } from "../../shared/api/media.ts";
import type { notificationEndpoints } from "../../shared/api/notifications.ts";
import type { orgEndpoints } from "../../shared/api/org.ts";
import type { publishingEndpoints } from "../../shared/api/publishing.ts";
import type { verificationEndpoints } from "../../shared/api/verification.ts";
import { api as send, withQuery } from "./client.ts";
import type { AsJson } from "./types.ts";

/** One route's schemas, as each module's contract lists them; `response` is the success answer. */
interface EndpointSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

/** Every route the web may call, keyed "METHOD /path/:param"; each module's map is added here. */
type Endpoints = typeof declarationEndpoints &
  typeof mediaEndpoints &
  typeof notificationEndpoints &
  typeof orgEndpoints &
  typeof advocacyEndpoints &
  typeof channelEndpoints &
  typeof connectionEndpoints &
  typeof publishingEndpoints &
  typeof authEndpoints &
  typeof verificationEndpoints &
  typeof inboxEndpoints;

type EndpointKey = keyof Endpoints & string;
export type HttpMethod = EndpointKey extends `${infer Method} ${string}` ? Method : never;
/** The path templates that exist for a method. */
export type PathOf<Method extends HttpMethod> = EndpointKey extends infer Key
  ? Key extends `${Method} ${infer Path}`
    ? Path
    : never
  : never;
type EndpointOf<Method extends HttpMethod, Path extends PathOf<Method>> = Endpoints[`${Method} ${Path}` &
  EndpointKey] &
  EndpointSchemas;

/** A query string value as the URL carries it (numbers are coerced by the server). */
type QueryValue = string | number | boolean | null | undefined;
type QueryOf<Input> = {
  [Key in keyof Input]?: unknown extends Input[Key] ? QueryValue : Input[Key] & QueryValue;
};

type SchemaInput<Schemas, Key extends keyof EndpointSchemas> =
  Schemas extends Record<Key, z.ZodType> ? z.input<Schemas[Key]> : undefined;

/** What a call passes besides its method and path; only the parts its route declares. */
export type CallOptions<Schemas> = (Schemas extends { params: z.ZodType }
  ? { params: SchemaInput<Schemas, "params"> }
  : { params?: undefined }) &
  (Schemas extends { query: z.ZodType }
    ? { query?: QueryOf<SchemaInput<Schemas, "query">> }
    : { query?: undefined }) &
  (Schemas extends { body: z.ZodType } ? { body: SchemaInput<Schemas, "body"> } : { body?: undefined });

type OptionsArgument<Schemas> = Schemas extends { params: z.ZodType } | { body: z.ZodType }
  ? [options: CallOptions<Schemas>]
  : [options?: CallOptions<Schemas>];

/** The success answer of a route, as JSON carries it (dates as ISO strings). */
export type ResponseOf<Method extends HttpMethod, Path extends PathOf<Method>> = AsJson<
  z.output<EndpointOf<Method, Path>["response"]>
>;

/** Puts the params into a path template: `/api/x/:id` with `{ id }` becomes `/api/x/<id>`. */
function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) {
      throw new Error(`missing path parameter ${name} for ${template}`);
    }
    return encodeURIComponent(value);
  });
}

/** Calls a route of the API, with the session cookie, the CSRF header and the usual error handling. */
export function api<Method extends HttpMethod, Path extends PathOf<Method>>(
  method: Method,
  path: Path,
  ...[options]: OptionsArgument<EndpointOf<Method, Path>>
): Promise<ResponseOf<Method, Path>> {
  const { params, query, body } = (options ?? {}) as {
    params?: Record<string, string>;
    query?: Record<string, QueryValue>;
    body?: unknown;
  };
  const url = withQuery(fillPath(path, params), query ?? {});
  return send<ResponseOf<Method, Path>>(method, url, body);
}

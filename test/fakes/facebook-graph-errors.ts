import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { GraphMode } from "./facebook-graph.ts";
import { type Received, sendJson } from "./fake-http.ts";

/*
 * The fake Graph API's failures, in Graph's error shape
 * ({"error":{"message","type","code","error_subcode","error_user_title","error_user_msg","fbtrace_id"}},
 * /docs/graph-api/guides/error-handling), and the failure modes a test can switch on.
 */

const trace = () => randomBytes(8).toString("base64url");

export function graphError(
  response: ServerResponse,
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  sendJson(response, status, { error: { type: "OAuthException", fbtrace_id: trace(), ...error } }, headers);
}

export function invalidParameter(response: ServerResponse, message: string, subcode?: number) {
  graphError(response, 400, {
    message: `(#100) ${message}`,
    code: 100,
    ...(subcode ? { error_subcode: subcode } : {}),
  });
}

/**
 * Answers the request as `mode` fails, once the token was found good; false when the mode lets it
 * through ("ok", the modes that only touch some requests, or a refusal that only applies to posting).
 */
export function failedAsMode(
  mode: GraphMode | "expired_token",
  pageId: string,
  request: Received,
  response: ServerResponse,
): boolean {
  switch (mode) {
    case "expired_token":
      graphError(response, 400, {
        message: "Error validating access token: Session has expired on Thursday, 01-Jan-26 00:00:00 PST.",
        code: 190,
        error_subcode: 463,
      });
      return true;
    case "rate_limited":
      graphError(
        response,
        400,
        { message: "(#32) Page request limit reached", code: 32 },
        {
          "x-business-use-case-usage": JSON.stringify({
            [pageId]: [
              {
                type: "pages",
                call_count: 100,
                total_cputime: 40,
                total_time: 45,
                estimated_time_to_regain_access: 7,
              },
            ],
          }),
          "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 45 }),
        },
      );
      return true;
    case "app_rate_limited":
      graphError(
        response,
        403,
        { message: "(#4) Application request limit reached", code: 4, is_transient: true },
        { "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 20, total_time: 25 }) },
      );
      return true;
    case "temporarily_blocked":
      graphError(response, 400, {
        message:
          "(#368) The action attempted has been deemed abusive or is otherwise disallowed. You're temporarily blocked from posting.",
        code: 368,
        error_subcode: 1390008,
      });
      return true;
    case "content_refused":
      if (request.method !== "POST") {
        return false;
      }
      graphError(response, 400, {
        message: "(#100) The post was refused",
        code: 100,
        error_subcode: 1404102,
        error_user_title: "Bạn không thể đăng nội dung này",
        error_user_msg: "Bài viết của bạn đi ngược lại Tiêu chuẩn cộng đồng của chúng tôi.",
      });
      return true;
    case "server_error":
      graphError(response, 500, {
        message: "An unexpected error has occurred. Please retry your request later.",
        code: 2,
        is_transient: true,
      });
      return true;
    default:
      return false;
  }
}

/** In "reduce_data" mode, a list asked longer than 25 fails with code 1. */
export function refusedAsTooLarge(
  mode: GraphMode,
  request: Received,
  params: URLSearchParams,
  response: ServerResponse,
): boolean {
  if (mode === "reduce_data" && request.method === "GET" && Number(params.get("limit") ?? 25) > 25) {
    graphError(response, 500, {
      message: "Please reduce the amount of data you're asking for, then retry your request",
      code: 1,
    });
    return true;
  }
  return false;
}

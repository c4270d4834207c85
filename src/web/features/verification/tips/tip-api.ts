import { ApiError, currentCsrfToken, NetworkError } from "../../../backend/client.ts";
import type { ResponseOf } from "../../../backend/typed-client.ts";

/** The server's limits (shared/api/verification-tips.ts), checked here too so a phone does not send in vain. */
export const tipFormLimits = { images: 5, imageBytes: 10 * 1024 * 1024, textChars: 5000 };

/**
 * Sends a member's tip with its screenshots as multipart/form-data, which the typed JSON client cannot
 * carry; errors come back as the same ApiError, so the page words them like any other.
 */
export async function sendMemberTip(tip: {
  url: string;
  text: string;
  images: File[];
}): Promise<ResponseOf<"POST", "/api/tips">> {
  const form = new FormData();
  form.append("url", tip.url);
  form.append("text", tip.text);
  for (const image of tip.images) {
    form.append("images", image, image.name);
  }
  const headers: Record<string, string> = { accept: "application/json" };
  const token = currentCsrfToken();
  if (token) {
    headers["x-csrf-token"] = token;
  }
  let response: Response;
  try {
    response = await fetch("/api/tips", { method: "POST", headers, body: form, credentials: "same-origin" });
  } catch {
    throw new NetworkError("network");
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const problem = body as { code?: string; messages?: { vi: string; en: string }; errors?: unknown } | null;
    throw new ApiError(
      response.status,
      problem?.code ?? `http.${response.status}`,
      problem?.messages ?? null,
      problem?.errors,
    );
  }
  return body as ResponseOf<"POST", "/api/tips">;
}

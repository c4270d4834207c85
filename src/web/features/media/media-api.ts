import { ApiError, currentCsrfToken, NetworkError, withQuery } from "../../backend/client.ts";
import type { PathOf, ResponseOf } from "../../backend/typed-client.ts";
import type { MediaKind } from "../../backend/types.ts";

/** The server's limits, checked here too so a phone does not send 300 MB only to be refused. */
export const mediaLimits = {
  imageBytes: 20 * 1024 * 1024,
  videoBytes: 200 * 1024 * 1024,
  altMin: 5,
  altMax: 500,
};

/** What the chosen file looks like from its declared type; the server decides from its bytes. */
export function guessKind(file: File): MediaKind | null {
  if (file.type.startsWith("image/")) {
    return "image";
  }
  if (file.type.startsWith("video/")) {
    return "video";
  }
  return null;
}

/**
 * Every kind, written out rather than imported from the shared contract so that zod stays out of
 * the web bundle; the Record type keeps the list complete.
 */
const mediaKinds: Record<MediaKind, true> = { image: true, video: true };

/** The kind a filter names, or none when it names no kind (an empty or edited address). */
export function mediaKindOf(value: string | undefined): MediaKind | undefined {
  return value !== undefined && Object.hasOwn(mediaKinds, value) ? (value as MediaKind) : undefined;
}

export const acceptedTypes = "image/jpeg,image/png,image/webp,image/gif,image/avif,video/mp4,video/webm";

/** The two upload routes: a unit's library, or the member's own unit's (for stories). */
type UploadPath = Extract<PathOf<"POST">, "/api/media" | "/api/me/media">;

/**
 * Sends one file as the request body. XMLHttpRequest rather than fetch: only it reports how much
 * of the body has gone, which a 200 MB video on a phone connection needs.
 */
export function uploadMediaFile(
  file: File,
  options: {
    /** The unit's library; without it, the member's own unit (`/api/me/media`, for stories). */
    unitId?: string;
    altText: string;
    onProgress: (fraction: number) => void;
    signal?: AbortSignal;
  },
): Promise<ResponseOf<"POST", UploadPath>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const path: UploadPath = options.unitId ? "/api/media" : "/api/me/media";
    xhr.open(
      "POST",
      withQuery(path, {
        unitId: options.unitId,
        altText: options.altText.trim(),
        name: file.name,
      }),
    );
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("accept", "application/json");
    const token = currentCsrfToken();
    if (token) {
      xhr.setRequestHeader("x-csrf-token", token);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        options.onProgress(event.loaded / event.total);
      }
    };
    xhr.onerror = () => reject(new NetworkError("network"));
    xhr.onabort = () => reject(new NetworkError("aborted"));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as ResponseOf<"POST", UploadPath>);
        return;
      }
      const problem = body as {
        code?: string;
        messages?: { vi: string; en: string };
        errors?: unknown;
      } | null;
      reject(
        new ApiError(
          xhr.status,
          problem?.code ?? `http.${xhr.status}`,
          problem?.messages ?? null,
          problem?.errors,
        ),
      );
    };
    options.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(file);
  });
}

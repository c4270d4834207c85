import { ApiError, currentCsrfToken, withQuery } from "../../../backend/client.ts";
import type { ResponseOf } from "../../../backend/typed-client.ts";

export type CaseDetail = ResponseOf<"GET", "/api/cases/:id">;

export const caseKey = (id: string) => ["verification", "case", id] as const;

export const fileUrl = (caseId: string, fileId: string) =>
  `/api/cases/${encodeURIComponent(caseId)}/files/${encodeURIComponent(fileId)}`;

/** Sends a source with its file as the API expects it: the bytes as the body, the fields in the query. */
export async function uploadEvidence(
  caseId: string,
  file: File,
  fields: { url?: string; title?: string; note?: string; authoritative: boolean; isPublic: boolean },
): Promise<void> {
  const path = withQuery(`/api/cases/${encodeURIComponent(caseId)}/evidence/upload`, {
    url: fields.url || undefined,
    title: fields.title || undefined,
    note: fields.note || undefined,
    authoritative: String(fields.authoritative),
    isPublic: String(fields.isPublic),
    fileName: file.name.slice(0, 200),
  });
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", "x-csrf-token": currentCsrfToken() ?? "" },
    credentials: "same-origin",
    body: file,
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as {
      code?: string;
      messages?: { vi: string; en: string };
    };
    throw new ApiError(response.status, problem.code ?? `http.${response.status}`, problem.messages ?? null);
  }
}

import type { FastifyRequest } from "fastify";
import { tipLimits } from "../../../../shared/api/verification-tips.ts";
import type { AppError } from "../../../platform/errors.ts";
import { tipErrors } from "./errors.ts";
import type { IncomingImage } from "./images.ts";

/*
 * A tip sent as multipart/form-data (the public page's form, or an API client with screenshots): the
 * text fields and the files, read with the limits the plugin was registered with. A file cut short by
 * the size limit is kept as "truncated" so the refusal names it, and the fields typed are kept so the
 * form can be shown again with them.
 */

/** The multipart plugin's limits for tips: five files, each at most 10 MB, short text fields. */
export const tipMultipartLimits = {
  files: tipLimits.images,
  fileSize: tipLimits.imageBytes,
  fields: 12,
  // 5,000 characters of Vietnamese is up to ~15 KB of UTF-8; the service checks the character count.
  fieldSize: 64 * 1024,
  parts: 20,
  headerPairs: 100,
};

/** The field names a tip form may carry; the files come under "images". */
const fieldNames = new Set(["url", "text", "email", "unitId", "homepageUrl"]);

export interface TipForm {
  fields: Record<string, string>;
  images: IncomingImage[];
  /** What went wrong while reading, after which the fields read so far are still there. */
  problem: AppError | null;
}

function problemOfPluginError(error: unknown): AppError {
  const code = (error as { code?: unknown }).code;
  if (code === "FST_FILES_LIMIT") {
    return tipErrors.tooManyImages();
  }
  if (code === "FST_REQ_FILE_TOO_LARGE") {
    const name = String((error as { part?: { filename?: unknown } }).part?.filename ?? "ảnh");
    return tipErrors.imageTooLarge({ name }, { name });
  }
  return tipErrors.formInvalid();
}

export async function readTipForm(request: FastifyRequest): Promise<TipForm> {
  const fields: Record<string, string> = {};
  const images: IncomingImage[] = [];
  try {
    for await (const part of request.parts({ limits: tipMultipartLimits })) {
      if (part.type === "file") {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) {
          chunks.push(chunk as Buffer);
        }
        // An empty file input still sends a part with no name and no bytes.
        if (part.filename === "" && chunks.length === 0) {
          continue;
        }
        if (part.fieldname !== "images") {
          return { fields, images, problem: tipErrors.formInvalid() };
        }
        images.push({
          fileName: part.filename,
          bytes: Buffer.concat(chunks),
          truncated: part.file.truncated,
        });
        continue;
      }
      if (!fieldNames.has(part.fieldname) || part.valueTruncated) {
        return {
          fields,
          images,
          problem: part.valueTruncated ? tipErrors.textTooLong() : tipErrors.formInvalid(),
        };
      }
      fields[part.fieldname] = String(part.value ?? "");
    }
  } catch (error) {
    return { fields, images, problem: problemOfPluginError(error) };
  }
  return { fields, images, problem: null };
}

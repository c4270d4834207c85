import type { Db } from "../../db/client.ts";
import type { ActionContext } from "./service.ts";

export interface ImportInput {
  unitId: string;
  fileName: string;
  content: Buffer;
}

/** Placeholder: replaced by the import implementation. */
export async function previewPeopleImport(_db: Db, _input: ImportInput) {
  return { totalRows: 0, validRows: 0, errors: [], sample: [] };
}

/** Placeholder: replaced by the import implementation. */
export async function runPeopleImport(_ctx: ActionContext, _input: ImportInput) {
  return { created: 0, totalRows: 0, errors: [] };
}

import { z } from "zod";

/* The verification desk's tips: intake from the public form, the API and members; tracking codes and the status page. */

// Placeholder so the file is a module with zod in use until its schemas arrive.
export const tipPlaceholder = z.never().optional();

/** Method and path → schemas, as in declarations.ts. */
export const tipEndpoints = {} as const;

import { z } from "zod";

/* The verification desk's matching: which known cases a URL or a text resembles. */

// Placeholder so the file is a module with zod in use until its schemas arrive.
export const matchingPlaceholder = z.never().optional();

/** Method and path → schemas, as in declarations.ts. */
export const matchingEndpoints = {} as const;

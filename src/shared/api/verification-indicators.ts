import { z } from "zod";

/* The verification desk's scam indicators and the desk's metrics. */

// Placeholder so the file is a module with zod in use until its schemas arrive.
export const indicatorPlaceholder = z.never().optional();

/** Method and path → schemas, as in declarations.ts. */
export const indicatorEndpoints = {} as const;

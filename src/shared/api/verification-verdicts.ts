import { z } from "zod";

/* The verification desk's verdicts: drafting, sign-off, publication as a correction article, the correction log, reporters told. */

// Placeholder so the file is a module with zod in use until its schemas arrive.
export const verdictPlaceholder = z.never().optional();

/** Method and path → schemas, as in declarations.ts. */
export const verdictEndpoints = {} as const;

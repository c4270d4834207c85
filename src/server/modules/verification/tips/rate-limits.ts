/*
 * Per client address. Sending: enough for a family or an office behind one address to send what
 * they see, a brake on a script flooding the desk. Reading a status: codes cannot be walked at this
 * pace (40 random bits).
 */
export const tipLimit = { max: 20, timeWindow: "10 minutes" };
export const tipStatusLimit = { max: 120, timeWindow: "1 minute" };

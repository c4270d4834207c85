/*
 * Per client address, as for tips: enough for a family or an office behind one address to ask what
 * they need, a brake on a script flooding the unit's inbox.
 */
export const questionLimit = { max: 10, timeWindow: "10 minutes" };
export const publishedAnswersLimit = { max: 600, timeWindow: "1 minute" };

/**
 * The longest a person's name and position may be, in characters as people count them (an emoji is
 * one): a Vietnamese full name rarely passes 60. In a file that imports nothing, so that the web's
 * person form can warn with the very limit the server applies without bundling the contract.
 */
export const personTextLimits = { fullName: 100, position: 100 } as const;

import type { AppDependencies } from "../../../platform/module.ts";

/*
 * The auto-reply outside all shifts. STUB (skeleton): the outbound part fills it; the signature stays.
 */

/**
 * When nobody of the unit is on duty, sends the conversation the unit's auto-reply (once per
 * conversation) saying when the office is back. Runs after the incoming message is committed;
 * never throws.
 */
export async function autoReplyIfOffDuty(_deps: AppDependencies, _conversationId: string): Promise<void> {}

/**
 * The inbox module's public surface: the only file of it that code outside the module imports.
 */
// Tells the audit page how to name this module's records.
import "./conversations/audit-subjects.ts";

// The demo seed works the inbox through these, as its people would.
export { createOffice, saveCannedReply } from "./conversations/canned.ts";
export { addNote, assignConversation, setLabels, setStatus } from "./conversations/changes.ts";
export { escalateToParent } from "./conversations/escalate.ts";
export { type FiguresInput, type InboxFigures, inboxFigures } from "./figures/figures.ts";
export { type IncomingItem, type RecordResult, recordIncoming } from "./ingest/record.ts";
export { inboxModule } from "./module.ts";
export { type PublishedAnswer, publishAnswer, publishedAnswersOfUnit } from "./portal-qa/published.ts";
export { askerIdOf, askQuestion, portalChannelKey, questionFormInvalid } from "./portal-qa/questions.ts";
export { questionLimit } from "./portal-qa/rate-limits.ts";
export { publishedAnswersPageSize } from "./portal-qa/routes.ts";
export { addHoliday } from "./roster/presence.ts";
export { setShift } from "./roster/shifts.ts";
export { slotsOrDefaults } from "./roster/slots.ts";
export { saveTargetSettings, targetSettingsOf } from "./sla/settings.ts";

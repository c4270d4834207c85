import type { Words } from "./audit-wording.ts";

/** The inbox's and the duty roster's audit actions, worded for the audit page (en). */
export const inboxEnWording: Pick<Words, `inbox.${string}` & keyof Words> = {
  "inbox.conversation.read": {
    label: "Conversation read",
    sentence: "{actor} opened a conversation in the inbox",
  },
  "inbox.conversation.status": {
    label: "Conversation status changed",
    sentence: "{actor} changed a conversation's status",
  },
  "inbox.conversation.reopen": {
    label: "Conversation reopened",
    sentence: "{actor} reopened a resolved conversation",
  },
  "inbox.conversation.labels": {
    label: "Conversation labels changed",
    sentence: "{actor} changed a conversation's labels",
  },
  "inbox.conversation.assign": {
    label: "Conversation assigned",
    sentence: "{actor} assigned a conversation",
  },
  "inbox.conversation.escalate": {
    label: "Conversation escalated",
    sentence: "{actor} escalated a conversation to the parent unit or another office",
  },
  "inbox.conversation.note": {
    label: "Internal note",
    sentence: "{actor} added an internal note to a conversation",
  },
  "inbox.canned_reply.create": {
    label: "Canned reply added",
    sentence: "{actor} added the canned reply {subject}",
  },
  "inbox.canned_reply.update": {
    label: "Canned reply changed",
    sentence: "{actor} changed the canned reply {subject}",
  },
  "inbox.canned_reply.delete": {
    label: "Canned reply deleted",
    sentence: "{actor} deleted the canned reply {subject}",
  },
  "inbox.office.create": {
    label: "Office added",
    sentence: "{actor} added the office {subject}",
  },
  "inbox.office.delete": {
    label: "Office removed",
    sentence: "{actor} removed the office {subject}",
  },
  "inbox.contact.erase": {
    label: "Contact erased on request",
    sentence: "{actor} erased every conversation of a citizen at their request",
  },
  "inbox.retention.purge": {
    label: "Expired conversations purged",
    sentence: "The system purged conversations past the unit's retention",
  },
  "inbox.answer_published": {
    label: "Q&A published",
    sentence: "{actor} published a question and its answer on the portal",
  },
  "inbox.answer_republished": {
    label: "Q&A republished",
    sentence: "{actor} changed a published question and answer",
  },
  "inbox.answer_unpublished": {
    label: "Q&A removed",
    sentence: "{actor} removed a question and answer from the portal",
  },
  "inbox.settings.update": {
    label: "Inbox settings changed",
    sentence: "{actor} changed the inbox's response targets, auto-reply or retention",
  },
  "inbox.roster.slot_created": {
    label: "Duty slot added",
    sentence: "{actor} added a duty slot",
  },
  "inbox.roster.slot_changed": {
    label: "Duty slot changed",
    sentence: "{actor} changed a duty slot's hours",
  },
  "inbox.roster.slot_removed": {
    label: "Duty slot removed",
    sentence: "{actor} removed a duty slot",
  },
  "inbox.roster.shift_set": {
    label: "Shift planned",
    sentence: "{actor} set who is on duty for a shift",
  },
  "inbox.roster.shift_cleared": {
    label: "Shift cleared",
    sentence: "{actor} cleared a shift",
  },
  "inbox.roster.week_copied": {
    label: "Roster week copied",
    sentence: "{actor} copied last week's roster",
  },
  "inbox.roster.swap_asked": {
    label: "Shift swap asked",
    sentence: "{actor} asked a colleague to take a shift",
  },
  "inbox.roster.swap_accepted": {
    label: "Shift swap accepted",
    sentence: "{actor} took a colleague's shift",
  },
  "inbox.roster.swap_declined": {
    label: "Shift swap declined",
    sentence: "{actor} declined a shift swap",
  },
  "inbox.roster.swap_cancelled": {
    label: "Shift swap withdrawn",
    sentence: "{actor} withdrew a shift swap request",
  },
  "inbox.roster.holiday_added": {
    label: "Holiday added",
    sentence: "{actor} added a holiday to the roster",
  },
  "inbox.roster.holiday_removed": {
    label: "Holiday removed",
    sentence: "{actor} removed a holiday from the roster",
  },
  "inbox.roster.away_on": {
    label: "Marked away",
    sentence: "{actor} marked themselves away",
  },
  "inbox.roster.away_off": {
    label: "Back from away",
    sentence: "{actor} marked themselves back",
  },
};

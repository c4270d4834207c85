import type { InjectOptions } from "fastify";
import type { RightInbox } from "./right-branch-inbox.ts";

/*
 * The conversations part's unit-scoped routes (those naming the unit in the body), aimed at the
 * right-hand branch. Routes on one conversation, canned reply or office by id are `{ permission }`
 * and check the record's unit themselves (inbox.conversation_forbidden, inbox.unit_forbidden).
 */
export function conversationSiblingAttempts(right: RightInbox): Record<string, InjectOptions> {
  return {
    "POST /api/inbox/canned-replies": {
      method: "POST",
      url: "/api/inbox/canned-replies",
      payload: { unitId: right.unitId, shortcut: "lan-san", title: "Lấn sân", body: "Chào {ten}" },
    },
    "POST /api/inbox/offices": {
      method: "POST",
      url: "/api/inbox/offices",
      payload: { unitId: right.unitId, name: "Phòng lấn sân", email: "lan-san@example.vn" },
    },
  };
}

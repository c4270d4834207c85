import { hostname, userInfo } from "node:os";
import type { Db } from "../server/db/client.ts";
import type { ActionContext } from "../server/platform/context.ts";

/** The context the services get from the CLI: no signed-in actor and no IP address. */
export function cliContext(db: Db): ActionContext {
  return { db, actor: null, ip: null };
}

/** Who ran the command, as the audit log records it ("cli:root@host"). */
export function cliActorLabel(): string {
  let user = "?";
  try {
    user = userInfo().username;
  } catch {
    // A container user without a passwd entry has no name.
  }
  return `cli:${user}@${hostname()}`;
}

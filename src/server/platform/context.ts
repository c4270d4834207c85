import type { Db } from "../db/client.ts";
import type { Actor } from "./actor.ts";

/** Who is acting and from where; every changing operation of every module takes one. */
export interface ActionContext {
  db: Db;
  actor: Actor | null;
  ip: string | null;
}

import { apiTokenRoles } from "../../../shared/organisation.ts";
import type { Actor } from "../../platform/actor.ts";

/*
 * Who may do what with their own credentials: pure answers over the actor, asked by the routes.
 */

/**
 * Whether the actor may make a personal API token: only roles whose work uses one. A token acts with
 * all its owner's permissions, without the second factor, for as long as it lives; people who never
 * need one should not be able to leak one. Listing and revoking stay open to everyone.
 */
export function mayHoldApiTokens(actor: Pick<Actor, "grants">): boolean {
  return actor.grants.some((grant) => apiTokenRoles.includes(grant.role));
}

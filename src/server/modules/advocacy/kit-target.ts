import { normaliseWebAddress } from "../../../shared/web-address.ts";
import type { Actor } from "../../platform/actor.ts";
import type { ActionContext } from "../../platform/context.ts";
import { officialChannelOfAddress } from "../channels/index.ts";
import { unitPath } from "../org/index.ts";
import { publishedAddressOfPost } from "../publishing/index.ts";
import { advocacyErrors } from "./errors.ts";
import { canShareFromPost } from "./policy.ts";

/*
 * Where a share kit may lead: our portal's article of a published post, or a page on an active
 * official channel of the registry. Every address is stored in its header-safe form.
 */

type SignedIn = ActionContext & { actor: Actor };

/** The address and title a kit leads to: a published post of the editor's scope, or a page on a registry channel. */
export async function resolveKitTarget(
  ctx: SignedIn,
  deps: { publicUrl: string },
  input: { postId?: string | undefined; url?: string | undefined },
): Promise<{ targetUrl: string; channelId: string | null; postId: string | null; title: string | null }> {
  if (input.postId) {
    const address = await publishedAddressOfPost(ctx.db, { postId: input.postId, publicUrl: deps.publicUrl });
    const postUnitPath = address ? await unitPath(ctx.db, address.unitId) : null;
    if (!address || !postUnitPath || !canShareFromPost(ctx.actor, postUnitPath)) {
      throw advocacyErrors.postNotPublished();
    }
    // Our portal's own address needs no registry; a page a variant went out to (recorded by hand,
    // so typed by someone) must lie on an official channel like any address given directly.
    const targetUrl =
      address.target === "portal"
        ? normaliseWebAddress(address.url)
        : await officialAddress(ctx, address.url);
    if (!targetUrl) {
      throw notOfficial();
    }
    return { targetUrl, channelId: address.channelId, postId: address.postId, title: address.title };
  }
  const targetUrl = await officialAddress(ctx, input.url ?? "");
  if (!targetUrl) {
    throw notOfficial();
  }
  const channel = await officialChannelOfAddress(ctx.db, targetUrl);
  return { targetUrl, channelId: channel?.id ?? null, postId: null, title: null };
}

function notOfficial() {
  return advocacyErrors.urlNotOfficial();
}

/** The address in its header-safe form when it lies on an active official channel of the registry, else null. */
async function officialAddress(ctx: SignedIn, typed: string): Promise<string | null> {
  const address = normaliseWebAddress(typed);
  if (!address) {
    return null;
  }
  return (await officialChannelOfAddress(ctx.db, address)) ? address : null;
}

import {
  campaigns,
  impersonationCandidates,
  mediaItems,
  shareKits,
} from "../../src/server/db/schema/index.ts";
import { registerChannel } from "../../src/server/modules/channels/service.ts";
import { declarationPurpose } from "../../src/server/modules/declarations/purpose.ts";
import { grantRole } from "../../src/server/modules/org/people-service.ts";
import { makeOrganisation, makePerson, makeUnit, signInAs } from "./factories.ts";
import { makeRightInbox, type RightInbox } from "./right-branch-inbox.ts";
import type { TestApp } from "./test-app.ts";

/*
 * The route inventory's fixture: an organisation with a right-hand branch holding one record of every
 * kind a unit-scoped route acts on, and the request each such route would take to reach it.
 */

/** A person, a unit and one record of each kind on the right-hand branch: the targets of the attempts. */
export interface RightBranch {
  org: Awaited<ReturnType<typeof makeOrganisation>>;
  rightPerson: Awaited<ReturnType<typeof makePerson>>;
  rightChild: Awaited<ReturnType<typeof makeUnit>>;
  rightGrantId: string;
  rightChannelId: string;
  rightRequestId: string;
  rightReportId: string;
  rightPostId: string;
  rightVariantId: string;
  rightMediaId: string;
  rightKitId: string;
  rightCampaignId: string;
  rightCandidateId: string;
  rightInbox: RightInbox;
}

export async function makeRightBranch(t: TestApp): Promise<RightBranch> {
  const org = await makeOrganisation(t.db);
  const rightPerson = await makePerson(t.db, { unitId: org.right.id });
  const rightChild = await makeUnit(t.db, { parentId: org.right.id });
  const grants = await grantRole(
    { db: t.db, actor: null, ip: null },
    { personId: rightPerson.id, unitId: org.right.id, role: "editor" },
  );
  const rightGrantId = grants[0]?.id ?? "";
  const channel = await registerChannel(
    { db: t.db, actor: null, ip: null },
    {
      unitId: org.right.id,
      platform: "facebook_page",
      url: "https://www.facebook.com/phuongbenphai",
      displayName: "Phường Bên Phải",
    },
  );
  const rightChannelId = channel.id;
  // A declaration request and a member's hijack report on the right-hand branch.
  const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
  const request = await rightAdmin.request({
    method: "POST",
    url: "/api/declaration-requests",
    payload: { unitId: org.right.id, title: "Rà soát", dueOn: "2099-12-31" },
  });
  const rightRequestId = request.json().id;
  const member = await signInAs(t.app, rightPerson.email ?? "");
  const declared = await member.request({
    method: "POST",
    url: "/api/me/declarations",
    payload: {
      platform: "tiktok",
      url: "https://www.tiktok.com/@nguoibenphai",
      displayName: "Người bên phải",
      realName: true,
      consent: true,
      purposeVersion: declarationPurpose.version,
    },
  });
  const report = await member.request({
    method: "POST",
    url: `/api/me/declarations/${declared.json().id}/report`,
    payload: { kind: "compromised", happenedAt: new Date().toISOString() },
  });
  const rightReportId = report.json().id;
  // A library row is enough: every attempt on it is refused before its file would be read.
  const [media] = await t.db
    .insert(mediaItems)
    .values({
      unitId: org.right.id,
      kind: "image",
      mime: "image/jpeg",
      bytes: 1,
      altText: "Ảnh của phường bên phải",
      storageKey: `${"ab".repeat(16)}.jpg`,
      sha256: "0".repeat(64),
    })
    .returning();
  const rightMediaId = media?.id ?? "";
  const written = await member.request({
    method: "POST",
    url: "/api/posts",
    payload: {
      unitId: org.right.id,
      title: "Tin bên phải",
      bodyHtml: "<p>Nội dung</p>",
      channelIds: [rightChannelId],
    },
  });
  const rightPostId = written.json().id;
  const rightVariantId = written.json().variants[0].id;
  const [kit] = await t.db
    .insert(shareKits)
    .values({
      unitId: org.right.id,
      targetUrl: "https://www.facebook.com/phuongbenphai",
      title: "Tin bên phải",
      captions: ["Chia sẻ"],
      targetUnitIds: [org.right.id],
    })
    .returning();
  const rightKitId = kit?.id ?? "";
  const [campaign] = await t.db
    .insert(campaigns)
    .values({
      unitId: org.right.id,
      name: "Chiến dịch bên phải",
      goalKind: "followers",
      goalTarget: 100,
      channelId: rightChannelId,
      startsOn: "2026-01-01",
      endsOn: "2099-12-31",
      unitIds: [org.right.id],
    })
    .returning();
  const rightCampaignId = campaign?.id ?? "";
  const [candidate] = await t.db
    .insert(impersonationCandidates)
    .values({
      unitId: org.right.id,
      source: "checker",
      url: "https://www.facebook.com/giamaobenphai",
      urlKey: "facebook_page:giamaobenphai",
      displayName: "Giả mạo bên phải",
      score: 0.5,
    })
    .returning();
  const rightCandidateId = candidate?.id ?? "";
  const rightInbox = await makeRightInbox(t, {
    unitId: org.right.id,
    channelId: rightChannelId,
    personId: rightPerson.id,
  });
  return {
    org,
    rightPerson,
    rightChild,
    rightGrantId,
    rightChannelId,
    rightRequestId,
    rightReportId,
    rightPostId,
    rightVariantId,
    rightMediaId,
    rightKitId,
    rightCampaignId,
    rightCandidateId,
    rightInbox,
  };
}

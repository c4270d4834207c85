import type { InjectOptions } from "fastify";
import type { RightBranch } from "./right-branch.ts";
import { inboxSiblingAttempts } from "./right-branch-inbox.ts";

/* The request each unit-scoped route would take to reach the right-hand branch (right-branch.ts). */

const csv = Buffer.from("Họ và tên,E-mail\nTrần Thị Hoà,hoa@example.vn\n").toString("base64");
const channelCsv = Buffer.from("Tên kênh,Địa chỉ\nLấn sân,https://lan-san.gov.vn\n").toString("base64");

/**
 * For every route that acts on a unit: a request aimed at the right-hand branch. The left-hand
 * administrator must be refused each of them. A new unit-scoped route must be added here.
 */
export function siblingAttempts(branch: RightBranch): Record<string, InjectOptions> {
  const {
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
  } = branch;
  return {
    ...inboxSiblingAttempts(rightInbox),
    "POST /api/impersonation/candidates": {
      method: "POST",
      url: "/api/impersonation/candidates",
      payload: { url: "https://www.facebook.com/lansan123", displayName: "Lấn sân", unitId: org.right.id },
    },
    "POST /api/impersonation/candidates/import/preview": {
      method: "POST",
      url: "/api/impersonation/candidates/import/preview",
      payload: {
        unitId: org.right.id,
        fileName: "a.csv",
        contentBase64: Buffer.from("https://www.facebook.com/x1,X").toString("base64"),
      },
    },
    "POST /api/impersonation/candidates/import": {
      method: "POST",
      url: "/api/impersonation/candidates/import",
      payload: {
        unitId: org.right.id,
        fileName: "a.csv",
        contentBase64: Buffer.from("https://www.facebook.com/x1,X").toString("base64"),
      },
    },
    "GET /api/impersonation/candidates/:id": {
      method: "GET",
      url: `/api/impersonation/candidates/${rightCandidateId}`,
    },
    "PUT /api/impersonation/candidates/:id/screenshot": {
      method: "PUT",
      url: `/api/impersonation/candidates/${rightCandidateId}/screenshot`,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from("x"),
    },
    "GET /api/impersonation/candidates/:id/screenshot": {
      method: "GET",
      url: `/api/impersonation/candidates/${rightCandidateId}/screenshot`,
    },
    "POST /api/impersonation/candidates/:id/confirm": {
      method: "POST",
      url: `/api/impersonation/candidates/${rightCandidateId}/confirm`,
      payload: {},
    },
    "POST /api/impersonation/candidates/:id/dismiss": {
      method: "POST",
      url: `/api/impersonation/candidates/${rightCandidateId}/dismiss`,
      payload: { note: "Trái phép" },
    },
    "POST /api/impersonation/candidates/:id/reopen": {
      method: "POST",
      url: `/api/impersonation/candidates/${rightCandidateId}/reopen`,
      payload: {},
    },
    "GET /api/impersonation/candidates/:id/report-pack": {
      method: "GET",
      url: `/api/impersonation/candidates/${rightCandidateId}/report-pack`,
    },
    "GET /api/units/:id": { method: "GET", url: `/api/units/${org.right.id}` },
    "POST /api/units": {
      method: "POST",
      url: "/api/units",
      payload: { name: "Lấn sân", kind: "cell", parentId: org.right.id },
    },
    "PATCH /api/units/:id": {
      method: "PATCH",
      url: `/api/units/${org.right.id}`,
      payload: { name: "Đổi tên trái phép" },
    },
    "POST /api/units/:id/move": {
      method: "POST",
      url: `/api/units/${rightChild.id}/move`,
      payload: { parentId: org.left.id },
    },
    "POST /api/units/:id/merge": {
      method: "POST",
      url: `/api/units/${org.right.id}/merge`,
      payload: { targetId: org.left.id },
    },
    "POST /api/units/:id/dissolve": { method: "POST", url: `/api/units/${rightChild.id}/dissolve` },
    "POST /api/people": {
      method: "POST",
      url: "/api/people",
      payload: { fullName: "Người Lạ", email: "la@example.vn", unitId: org.right.id },
    },
    "GET /api/people/:id": { method: "GET", url: `/api/people/${rightPerson.id}` },
    "PATCH /api/people/:id": {
      method: "PATCH",
      url: `/api/people/${rightPerson.id}`,
      payload: { fullName: "Đổi Tên" },
    },
    "POST /api/people/:id/deactivate": { method: "POST", url: `/api/people/${rightPerson.id}/deactivate` },
    "POST /api/people/:id/reactivate": { method: "POST", url: `/api/people/${rightPerson.id}/reactivate` },
    "GET /api/people/:id/roles": { method: "GET", url: `/api/people/${rightPerson.id}/roles` },
    "POST /api/people/:id/invitation": { method: "POST", url: `/api/people/${rightPerson.id}/invitation` },
    "DELETE /api/people/:id/invitation": {
      method: "DELETE",
      url: `/api/people/${rightPerson.id}/invitation`,
    },
    "POST /api/people/invitations": {
      method: "POST",
      url: "/api/people/invitations",
      payload: { personIds: [rightPerson.id] },
    },
    "POST /api/people/:id/roles": {
      method: "POST",
      url: `/api/people/${rightPerson.id}/roles`,
      payload: { role: "administrator", unitId: org.right.id },
    },
    "DELETE /api/people/:id/roles/:grantId": {
      method: "DELETE",
      url: `/api/people/${rightPerson.id}/roles/${rightGrantId}`,
    },
    "POST /api/people/import/preview": {
      method: "POST",
      url: "/api/people/import/preview",
      payload: { unitId: org.right.id, fileName: "a.csv", contentBase64: csv },
    },
    "POST /api/people/import": {
      method: "POST",
      url: "/api/people/import",
      payload: { unitId: org.right.id, fileName: "a.csv", contentBase64: csv },
    },
    "POST /api/channels": {
      method: "POST",
      url: "/api/channels",
      payload: { unitId: org.right.id, platform: "website", url: "https://lan-san.gov.vn", displayName: "X" },
    },
    "GET /api/channels/:id": { method: "GET", url: `/api/channels/${rightChannelId}` },
    "PATCH /api/channels/:id": {
      method: "PATCH",
      url: `/api/channels/${rightChannelId}`,
      payload: { displayName: "Đổi tên trái phép" },
    },
    "POST /api/channels/:id/status": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/status`,
      payload: { status: "closed" },
    },
    "POST /api/channels/:id/hand-over": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/hand-over`,
      payload: { unitId: org.left.id },
    },
    "POST /api/channels/:id/verify": { method: "POST", url: `/api/channels/${rightChannelId}/verify` },
    "POST /api/channels/:id/remove": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/remove`,
      payload: { reason: "Xoá trái phép" },
    },
    "PUT /api/channels/:id/connection": {
      method: "PUT",
      url: `/api/channels/${rightChannelId}/connection`,
      payload: { token: "lấn-sân", accountId: "1234567890" },
    },
    "GET /api/channels/:id/connection": { method: "GET", url: `/api/channels/${rightChannelId}/connection` },
    "DELETE /api/channels/:id/connection": {
      method: "DELETE",
      url: `/api/channels/${rightChannelId}/connection`,
    },
    "POST /api/channels/:id/connection/test": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/connection/test`,
    },
    "GET /api/channels/:id/connection/flow": {
      method: "GET",
      url: `/api/channels/${rightChannelId}/connection/flow`,
    },
    "POST /api/channels/:id/connection/flow": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/connection/flow`,
    },
    "GET /api/channels/:id/connection/flow/pages": {
      method: "GET",
      url: `/api/channels/${rightChannelId}/connection/flow/pages?choice=lan-san`,
    },
    "POST /api/channels/:id/connection/flow/pages": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/connection/flow/pages`,
      payload: { choice: "lan-san", pageId: "1234567890" },
    },
    "POST /api/channels/import/preview": {
      method: "POST",
      url: "/api/channels/import/preview",
      payload: { unitId: org.right.id, fileName: "a.csv", contentBase64: channelCsv },
    },
    "POST /api/channels/import": {
      method: "POST",
      url: "/api/channels/import",
      payload: { unitId: org.right.id, fileName: "a.csv", contentBase64: channelCsv },
    },
    "POST /api/declaration-requests": {
      method: "POST",
      url: "/api/declaration-requests",
      payload: { unitId: org.right.id, title: "Lấn sân", dueOn: "2099-12-31" },
    },
    "GET /api/declaration-requests/:id": {
      method: "GET",
      url: `/api/declaration-requests/${rightRequestId}`,
    },
    "POST /api/declaration-requests/:id/close": {
      method: "POST",
      url: `/api/declaration-requests/${rightRequestId}/close`,
    },
    "POST /api/declaration-alerts/:id/acknowledge": {
      method: "POST",
      url: `/api/declaration-alerts/${rightReportId}/acknowledge`,
    },
    "POST /api/media": {
      method: "POST",
      url: `/api/media?unitId=${org.right.id}&altText=${encodeURIComponent("Lấn sân bên phải")}`,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    },
    "GET /api/media/:id": { method: "GET", url: `/api/media/${rightMediaId}` },
    "PATCH /api/media/:id": {
      method: "PATCH",
      url: `/api/media/${rightMediaId}`,
      payload: { altText: "Sửa mô tả trái phép" },
    },
    "DELETE /api/media/:id": { method: "DELETE", url: `/api/media/${rightMediaId}` },
    "POST /api/posts": {
      method: "POST",
      url: "/api/posts",
      payload: { unitId: org.right.id, title: "Lấn sân", bodyHtml: "" },
    },
    "GET /api/posts/:id": { method: "GET", url: `/api/posts/${rightPostId}` },
    "PATCH /api/posts/:id": {
      method: "PATCH",
      url: `/api/posts/${rightPostId}`,
      payload: { title: "Sửa trái phép" },
    },
    "GET /api/posts/:id/versions": { method: "GET", url: `/api/posts/${rightPostId}/versions` },
    "GET /api/posts/:id/share-card.png": {
      method: "GET",
      url: `/api/posts/${rightPostId}/share-card.png`,
    },
    "POST /api/posts/:id/variants": {
      method: "POST",
      url: `/api/posts/${rightPostId}/variants`,
      payload: { channelId: rightChannelId },
    },
    "PATCH /api/variants/:id": {
      method: "PATCH",
      url: `/api/variants/${rightVariantId}`,
      payload: { body: "x" },
    },
    "POST /api/variants/:id/submit": { method: "POST", url: `/api/variants/${rightVariantId}/submit` },
    "POST /api/variants/:id/approve": { method: "POST", url: `/api/variants/${rightVariantId}/approve` },
    "POST /api/variants/:id/unschedule": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/unschedule`,
    },
    "POST /api/variants/:id/publish-now": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/publish-now`,
    },
    "POST /api/variants/:id/reject": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/reject`,
      payload: { reason: "Trái phép" },
    },
    "POST /api/variants/:id/schedule": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/schedule`,
      payload: { at: "2099-01-01T00:00:00Z" },
    },
    "POST /api/variants/:id/published-by-hand": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/published-by-hand`,
      payload: { externalUrl: "https://example.vn/x" },
    },
    "GET /api/variants/:id/history": { method: "GET", url: `/api/variants/${rightVariantId}/history` },
    "GET /api/units/:id/approval-policy": {
      method: "GET",
      url: `/api/units/${org.right.id}/approval-policy`,
    },
    "PUT /api/units/:id/approval-policy": {
      method: "PUT",
      url: `/api/units/${org.right.id}/approval-policy`,
      payload: { approverRoles: ["approver"] },
    },
    "DELETE /api/units/:id/approval-policy": {
      method: "DELETE",
      url: `/api/units/${org.right.id}/approval-policy`,
    },
    "POST /api/share-kits": {
      method: "POST",
      url: "/api/share-kits",
      payload: {
        unitId: org.right.id,
        url: "https://www.facebook.com/phuongbenphai",
        title: "Lấn sân",
        captions: ["X"],
      },
    },
    "GET /api/share-kits/:id": { method: "GET", url: `/api/share-kits/${rightKitId}` },
    "PATCH /api/share-kits/:id": {
      method: "PATCH",
      url: `/api/share-kits/${rightKitId}`,
      payload: { title: "Sửa trái phép" },
    },
    "POST /api/share-kits/:id/withdraw": { method: "POST", url: `/api/share-kits/${rightKitId}/withdraw` },
    "POST /api/share-kits/:id/reinstate": { method: "POST", url: `/api/share-kits/${rightKitId}/reinstate` },
    "GET /api/share-kits/:id/report": { method: "GET", url: `/api/share-kits/${rightKitId}/report` },
    "GET /api/share-kits/:id/report.xlsx": {
      method: "GET",
      url: `/api/share-kits/${rightKitId}/report.xlsx`,
    },
    "POST /api/campaigns": {
      method: "POST",
      url: "/api/campaigns",
      payload: {
        unitId: org.right.id,
        name: "Lấn sân",
        goalKind: "clicks",
        goalTarget: 1,
        startsOn: "2026-01-01",
        endsOn: "2026-02-01",
      },
    },
    "GET /api/campaigns/:id": { method: "GET", url: `/api/campaigns/${rightCampaignId}` },
    "PATCH /api/campaigns/:id": {
      method: "PATCH",
      url: `/api/campaigns/${rightCampaignId}`,
      payload: { name: "Sửa trái phép" },
    },
    "GET /api/campaigns/:id/followers": { method: "GET", url: `/api/campaigns/${rightCampaignId}/followers` },
    "POST /api/campaigns/:id/followers": {
      method: "POST",
      url: `/api/campaigns/${rightCampaignId}/followers`,
      payload: { onDate: "2026-06-01", followers: 1 },
    },
    "GET /api/campaigns/:id/report": { method: "GET", url: `/api/campaigns/${rightCampaignId}/report` },
    "GET /api/campaigns/:id/report.xlsx": {
      method: "GET",
      url: `/api/campaigns/${rightCampaignId}/report.xlsx`,
    },
    "PUT /api/settings/role-policies/:role": {
      method: "PUT",
      url: "/api/settings/role-policies/editor",
      payload: { requireTotp: true },
    },
  };
}

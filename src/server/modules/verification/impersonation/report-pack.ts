import { asc, eq } from "drizzle-orm";
import yazl from "yazl";
import type { Executor } from "../../../db/client.ts";
import { verificationFiles } from "../../../db/schema/verification.ts";
import type { Actor } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { getChannel, getChannelHistory } from "../../channels/index.ts";
import { findUnitByCodeOrId, personNames, requireUnitSummary, unitAndAncestors } from "../../org/index.ts";
import { candidateErrors } from "./candidates-errors.ts";
import { requireCandidate } from "./candidates-view.ts";
import { renderReportPdf } from "./pdf.ts";
import { platformWords, reasonSentence, sourceWords, statusWords } from "./report-pack-words.ts";

/*
 * The report pack of a confirmed impersonation: what a platform's impersonation form and the national
 * centre ask for, in one ZIP with plain ASCII file names (bao-cao.pdf, anh-chup/…): the signed-off
 * summary, the screenshots and archive copies, the real channel's registry entry with its history,
 * and the unit's proof of authority (its record and its place in the tree).
 */

interface PackFile {
  name: string;
  content: Buffer;
}

const extensions: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "text/html": "html",
};

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");

/** The unit's record as the org module gives it, for the proof of authority. */
async function authorityOf(db: Executor, unitId: string) {
  const unit = await findUnitByCodeOrId(db, unitId);
  const lineage = await unitAndAncestors(db, unitId);
  if (!unit) {
    return null;
  }
  return {
    name: unit.name,
    code: unit.code,
    kind: unit.kind,
    status: unit.status,
    parents: lineage.filter((entry) => entry.id !== unit.id).map((entry) => entry.name),
    contactAddress: unit.contactAddress,
    contactPhone: unit.contactPhone,
    contactEmail: unit.contactEmail,
    contentResponsible: unit.contentResponsible,
  };
}

function authorityText(authority: NonNullable<Awaited<ReturnType<typeof authorityOf>>>): string {
  return [
    "THÔNG TIN ĐƠN VỊ CÓ THẨM QUYỀN",
    "",
    `Tên đơn vị: ${authority.name}`,
    `Mã đơn vị: ${authority.code}`,
    `Trực thuộc: ${authority.parents.length ? authority.parents.join(" › ") : "(cấp cao nhất)"}`,
    `Địa chỉ liên hệ: ${authority.contactAddress ?? "(chưa khai báo)"}`,
    `Điện thoại: ${authority.contactPhone ?? "(chưa khai báo)"}`,
    `E-mail: ${authority.contactEmail ?? "(chưa khai báo)"}`,
    `Người chịu trách nhiệm nội dung: ${authority.contentResponsible ?? "(chưa khai báo)"}`,
    "",
  ].join("\r\n");
}

/** The place line of the report: the last part of the unit's address, else its top unit's name. */
function placeOf(address: string | null, lineage: { name: string }[]): string {
  const last = address
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return last ?? lineage.at(-1)?.name ?? "";
}

async function zipOf(files: PackFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) {
    zip.addBuffer(file.content, file.name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Builds the pack of a confirmed candidate and records that it was taken. */
export async function buildReportPack(
  ctx: ActionContext & { actor: Actor },
  candidateId: string,
): Promise<{ fileName: string; zip: Buffer }> {
  const db = ctx.db;
  const candidate = await requireCandidate(db, candidateId);
  if (candidate.status !== "confirmed") {
    throw candidateErrors.notConfirmed();
  }
  const channel = candidate.channelId ? await getChannel(db, candidate.channelId).catch(() => null) : null;
  const history = channel ? await getChannelHistory(db, channel.id) : [];
  const authority = await authorityOf(db, channel?.unitId ?? candidate.unitId);
  const reportUnit = await findUnitByCodeOrId(db, candidate.unitId);
  const reportLineage = await unitAndAncestors(db, candidate.unitId);
  const names = await personNames(db, candidate.decidedBy ? [candidate.decidedBy] : []);

  const files: PackFile[] = [];
  const fileIds = new Set<string>();
  let shot = 0;
  const addFile = (row: { id: string; mimeType: string; content: Buffer | Uint8Array }, folder: string) => {
    if (fileIds.has(row.id)) {
      return;
    }
    fileIds.add(row.id);
    shot++;
    files.push({
      name: `${folder}/${String(shot).padStart(2, "0")}.${extensions[row.mimeType] ?? "bin"}`,
      content: Buffer.from(row.content),
    });
  };
  const fileFields = {
    id: verificationFiles.id,
    mimeType: verificationFiles.mimeType,
    content: verificationFiles.content,
  };
  if (candidate.avatarFileId) {
    const [avatar] = await db
      .select(fileFields)
      .from(verificationFiles)
      .where(eq(verificationFiles.id, candidate.avatarFileId));
    if (avatar) {
      addFile(avatar, "anh-chup");
    }
  }
  if (candidate.caseId) {
    const caseFiles = await db
      .select(fileFields)
      .from(verificationFiles)
      .where(eq(verificationFiles.caseId, candidate.caseId))
      .orderBy(asc(verificationFiles.createdAt));
    for (const file of caseFiles) {
      addFile(file, file.mimeType.startsWith("image/") ? "anh-chup" : "ban-luu");
    }
  }
  if (channel) {
    files.push({ name: "kenh-chinh-thuc/thong-tin-kenh.json", content: json(channel) });
    files.push({ name: "kenh-chinh-thuc/lich-su-kenh.json", content: json(history) });
  }
  if (authority) {
    files.push({ name: "don-vi/tham-quyen.json", content: json(authority) });
    files.push({ name: "don-vi/tham-quyen.txt", content: Buffer.from(authorityText(authority), "utf8") });
  }
  files.push({
    name: "trang-gia-mao.json",
    content: json({
      url: candidate.url,
      displayName: candidate.displayName,
      handle: candidate.handle,
      platform: candidate.platform,
      firstSeen: candidate.createdAt,
      source: candidate.source,
      score: candidate.score,
      reasons: candidate.reasons,
      confirmedAt: candidate.decidedAt,
    }),
  });

  const attachments = ["bao-cao.pdf (báo cáo này)", ...files.map((file) => file.name)];
  const pdf = await renderReportPdf({
    unit: {
      name: reportUnit?.name ?? "",
      parentName: reportLineage[1]?.name ?? null,
      place: placeOf(reportUnit?.contactAddress ?? null, reportLineage),
    },
    date: new Date(),
    fake: {
      url: candidate.url,
      displayName: candidate.displayName,
      handle: candidate.handle,
      platform: platformWords[candidate.platform ?? "other"] ?? "Kênh khác",
      firstSeen: candidate.createdAt,
      source: sourceWords[candidate.source] ?? candidate.source,
    },
    real: channel
      ? {
          displayName: channel.displayName,
          url: channel.url,
          platform: `${platformWords[channel.platform] ?? channel.platform} · ${statusWords[channel.status] ?? channel.status}`,
          unitName: channel.unitName,
          since: channel.createdAt,
        }
      : null,
    reasons: candidate.reasons.map(reasonSentence),
    confirmedBy: (candidate.decidedBy && names.get(candidate.decidedBy)) || "",
    confirmedAt: candidate.decidedAt,
    note: candidate.note,
    attachments,
  });
  const zip = await zipOf([{ name: "bao-cao.pdf", content: pdf }, ...files]);

  const unit = await requireUnitSummary(db, candidate.unitId);
  await recordAudit(db, {
    actor: ctx.actor,
    action: "impersonation.report_pack",
    unit: { id: unit.id, path: unit.path },
    target: { type: "impersonation_candidate", id: candidate.id },
    ip: ctx.ip,
    details: { files: files.length + 1 },
  });
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `ho-so-trang-gia-mao-${day}.zip`, zip };
}

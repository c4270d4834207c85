import { and, inArray, isNull } from "drizzle-orm";
import { foldForSearch, normalizeName } from "../../../shared/vietnamese-text.ts";
import type { Db, Executor } from "../../db/client.ts";
import { channelHistory, channels } from "../../db/schema/index.ts";
import {
  badFile,
  maxDataRows,
  readColumns,
  readSheet,
  type SheetRow,
  tooManyRows,
} from "../../imports/spreadsheet.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { AppError } from "../../platform/errors.ts";
import {
  requireActiveTargetUnit,
  resolveUnitsInSubtree,
  type TargetUnit as SelectedUnit,
  unitSummaries,
} from "../org/index.ts";
import { type ChannelPlatform, canonicalChannelKey } from "./canonical-url.ts";
import { channelErrors } from "./errors.ts";
import { invalidateChannelLookups } from "./lookup-cache.ts";

export interface ChannelImportInput {
  unitId: string;
  fileName: string;
  content: Buffer;
}

type ImportField = "url" | "displayName" | "platform" | "unit" | "followers";

/** One rejected row: its spreadsheet row number, the column at fault and why, in both languages. */
export interface ChannelImportRowError {
  row: number;
  field: ImportField | null;
  code: string;
  message: { vi: string; en: string };
}

const sampleSize = 20;
const batchSize = 500;
const maxNameLength = 300;

const headerLabels: Record<ImportField, string[]> = {
  url: ["Địa chỉ", "Địa chỉ kênh", "Đường dẫn", "Liên kết", "Link", "URL", "Address"],
  displayName: ["Tên kênh", "Tên trang", "Tên", "Name", "Channel name", "Display name"],
  platform: ["Nền tảng", "Loại kênh", "Loại", "Platform"],
  unit: ["Mã đơn vị", "Đơn vị", "Đơn vị quản lý", "Unit", "Unit code"],
  followers: ["Số người theo dõi", "Lượt theo dõi", "Người theo dõi", "Followers"],
};

/** What people write in a "platform" column, folded, to our platform values. */
const platformByLabel = new Map<string, ChannelPlatform>(
  (
    [
      [
        "website",
        [
          "website",
          "web",
          "trang web",
          "trang thong tin dien tu",
          "cong thong tin",
          "cong thong tin dien tu",
        ],
      ],
      ["facebook_page", ["facebook_page", "facebook", "fanpage", "trang facebook", "facebook page"]],
      ["facebook_group", ["facebook_group", "nhom facebook", "facebook group"]],
      ["zalo_oa", ["zalo_oa", "zalo", "zalo oa", "zalo official account"]],
      ["zalo_group", ["zalo_group", "nhom zalo", "zalo group"]],
      ["youtube", ["youtube", "kenh youtube"]],
      ["tiktok", ["tiktok", "kenh tiktok"]],
      ["other", ["other", "khac"]],
    ] as [ChannelPlatform, string[]][]
  ).flatMap(([platform, labels]) => labels.map((label) => [label, platform] as [string, ChannelPlatform])),
);

interface ImportRecord {
  row: number;
  url: string;
  displayName: string;
  platform: string;
  unit: string;
  followers: string;
}

interface ValidRow {
  row: number;
  platform: ChannelPlatform;
  key: string;
  url: string;
  handle: string | null;
  platformId: string | null;
  displayName: string;
  followerCount: number | null;
  unitId: string;
  unitName: string;
}

/** Finds the header row (the one with an address column) and reads the rows below it. */
function toRecords(rows: SheetRow[]): ImportRecord[] {
  const records: ImportRecord[] = [];
  for (const { row, text } of readColumns(rows, headerLabels, "url", {
    vi: "Không tìm thấy cột “Địa chỉ” ở dòng tiêu đề. Dòng tiêu đề cần có cột Địa chỉ (liên kết của kênh) và Tên kênh, có thể thêm Nền tảng, Mã đơn vị, Số người theo dõi.",
    en: "No “Address” column in the header row. The header needs an Address (the channel's link) and a Name column and may have Platform, Unit code, Followers.",
  })) {
    const record = {
      row,
      url: text("url"),
      displayName: text("displayName"),
      platform: text("platform"),
      unit: text("unit"),
      followers: text("followers"),
    };
    if (record.url || record.displayName || record.platform || record.unit) {
      records.push(record);
    }
  }
  if (records.length === 0) {
    throw badFile(
      "import.empty",
      "Tệp chỉ có dòng tiêu đề, không có kênh nào.",
      "The file has a header row but no channels.",
    );
  }
  if (records.length > maxDataRows) {
    throw tooManyRows();
  }
  return records;
}

function loadSelectedUnit(db: Executor, unitId: string, lock: boolean): Promise<SelectedUnit> {
  // Inside the import's transaction the unit is share-locked, so it cannot be merged or dissolved under us.
  return requireActiveTargetUnit(db, unitId, {
    lock,
    refusal: { vi: "không thể nhập kênh cho đơn vị này.", en: "channels cannot be imported into it." },
  });
}

/** The channels already registered under some keys, with their owner's name. */
async function registeredKeys(db: Executor, keys: string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (let start = 0; start < keys.length; start += batchSize) {
    const rows = await db
      .select({ key: channels.key, unitId: channels.unitId })
      .from(channels)
      .where(and(inArray(channels.key, keys.slice(start, start + batchSize)), isNull(channels.removedAt)));
    const ownerUnits = await unitSummaries(
      db,
      rows.map((row) => row.unitId),
    );
    for (const row of rows) {
      const unit = ownerUnits.get(row.unitId);
      if (unit) {
        owners.set(row.key, unit.name);
      }
    }
  }
  return owners;
}

/** Checks every row: address, name, platform, unit, duplicates in the file and in the registry. */
async function validateRecords(db: Executor, selected: SelectedUnit, records: ImportRecord[], lock: boolean) {
  const rowErrors: ChannelImportRowError[] = [];
  const report = (row: number, field: ImportField | null, code: string, vi: string, en: string) => {
    rowErrors.push({ row, field, code, message: { vi, en } });
  };
  // A row refused for a reason the registry also gives one channel at a time is worded as there.
  const reportAsRegistry = (row: number, field: ImportField, error: AppError) => {
    rowErrors.push({ row, field, code: error.code, message: error.messages });
  };
  const unitChoices = await resolveUnitsInSubtree(db, {
    subtreePath: selected.path,
    values: new Set(records.map((r) => r.unit).filter(Boolean)),
    lock,
  });
  const candidates: (ValidRow & { ok: boolean })[] = [];
  const firstRowOfKey = new Map<string, number>();
  for (const record of records) {
    const before = rowErrors.length;
    let platform: ChannelPlatform | undefined;
    if (record.platform) {
      platform =
        platformByLabel.get(foldForSearch(record.platform).replace(/[_-]/g, " ")) ??
        platformByLabel.get(foldForSearch(record.platform));
      if (!platform) {
        report(
          record.row,
          "platform",
          "import.unknown_platform",
          `Không rõ nền tảng “${record.platform}” (dùng: Trang web, Facebook, Nhóm Facebook, Zalo OA, Nhóm Zalo, YouTube, TikTok, Khác).`,
          `Unknown platform “${record.platform}” (use: Website, Facebook, Facebook group, Zalo OA, Zalo group, YouTube, TikTok, Other).`,
        );
      }
    }
    const displayName = normalizeName(record.displayName);
    if (!displayName) {
      reportAsRegistry(record.row, "displayName", channelErrors.nameRequired());
    } else if (displayName.length > maxNameLength) {
      report(
        record.row,
        "displayName",
        "import.too_long",
        `Tên kênh dài quá ${maxNameLength} ký tự.`,
        `The channel name is longer than ${maxNameLength} characters.`,
      );
    }
    let followerCount: number | null = null;
    if (record.followers) {
      const digits = record.followers.replace(/[.,\s]/g, "");
      if (/^\d{1,10}$/.test(digits) && Number(digits) <= 2_000_000_000) {
        followerCount = Number(digits);
      } else {
        report(
          record.row,
          "followers",
          "import.bad_number",
          `Số người theo dõi “${record.followers}” không phải là số.`,
          `Followers “${record.followers}” is not a number.`,
        );
      }
    }
    let unit = { id: selected.id, name: selected.name };
    if (record.unit) {
      const choice = unitChoices.get(record.unit);
      if (choice === "ambiguous") {
        report(
          record.row,
          "unit",
          "import.ambiguous_unit",
          `Có nhiều đơn vị tên “${record.unit}”; vui lòng ghi mã đơn vị.`,
          `Several units are named “${record.unit}”; use the unit code instead.`,
        );
      } else if (!choice) {
        report(
          record.row,
          "unit",
          "import.unknown_unit",
          `Không có đơn vị “${record.unit}” đang hoạt động thuộc “${selected.name}”.`,
          `There is no active unit “${record.unit}” within “${selected.name}”.`,
        );
      } else {
        unit = choice;
      }
    }
    let canonical: ValidRow | null = null;
    if (!record.url) {
      report(
        record.row,
        "url",
        "import.url_missing",
        "Thiếu địa chỉ kênh.",
        "The channel's address is missing.",
      );
    } else {
      const result = canonicalChannelKey(record.url, platform);
      if (!result.ok) {
        rowErrors.push({ row: record.row, field: "url", code: result.code, message: result.messages });
      } else {
        const earlier = firstRowOfKey.get(result.channel.key);
        if (earlier !== undefined) {
          report(
            record.row,
            "url",
            "import.duplicate_channel",
            `Kênh ${result.channel.url} trùng với dòng ${earlier}.`,
            `The channel ${result.channel.url} is already on row ${earlier}.`,
          );
        } else {
          firstRowOfKey.set(result.channel.key, record.row);
        }
        canonical = {
          row: record.row,
          platform: result.channel.platform,
          key: result.channel.key,
          url: result.channel.url,
          handle: result.channel.handle,
          platformId: result.channel.platformId,
          displayName,
          followerCount,
          unitId: unit.id,
          unitName: unit.name,
        };
      }
    }
    if (canonical) {
      candidates.push({ ...canonical, ok: rowErrors.length === before });
    }
  }
  const owners = await registeredKeys(db, [...firstRowOfKey.keys()]);
  for (const candidate of candidates) {
    const owner = owners.get(candidate.key);
    if (owner !== undefined && firstRowOfKey.get(candidate.key) === candidate.row) {
      reportAsRegistry(
        candidate.row,
        "url",
        channelErrors.keyTaken({ ownerName: owner, url: candidate.url }),
      );
      candidate.ok = false;
    }
  }
  rowErrors.sort((a, b) => a.row - b.row);
  const valid = candidates.filter((c) => c.ok).map(({ ok: _ok, ...row }) => row);
  return { totalRows: records.length, valid, errors: rowErrors };
}

/** Checks an XLSX or CSV inventory of channels without changing anything. */
export async function previewChannelImport(db: Db, input: ChannelImportInput) {
  const records = toRecords(await readSheet(input.fileName, input.content));
  const selected = await loadSelectedUnit(db, input.unitId, false);
  const checked = await validateRecords(db, selected, records, false);
  return {
    totalRows: checked.totalRows,
    validRows: checked.valid.length,
    errors: checked.errors,
    sample: checked.valid.slice(0, sampleSize).map((row) => ({
      row: row.row,
      platform: row.platform,
      url: row.url,
      displayName: row.displayName,
      unitName: row.unitName,
    })),
  };
}

/**
 * Imports the good rows of an inventory in one transaction (all of them or none), each with its
 * "imported" history entry, and one audit event; bad rows are reported as in the preview.
 */
export async function runChannelImport(ctx: ActionContext, input: ChannelImportInput) {
  const records = toRecords(await readSheet(input.fileName, input.content));
  const result = await ctx.db.transaction(async (tx) => {
    const selected = await loadSelectedUnit(tx, input.unitId, true);
    const checked = await validateRecords(tx, selected, records, true);
    for (let start = 0; start < checked.valid.length; start += batchSize) {
      const inserted = await tx
        .insert(channels)
        .values(
          checked.valid.slice(start, start + batchSize).map((row) => ({
            unitId: row.unitId,
            platform: row.platform,
            key: row.key,
            url: row.url,
            displayName: row.displayName,
            searchKey: foldForSearch(`${row.displayName} ${row.handle ?? ""}`),
            handle: row.handle,
            platformId: row.platformId,
            followerCount: row.followerCount,
            createdBy: ctx.actor?.personId ?? null,
          })),
        )
        .returning({ id: channels.id, unitId: channels.unitId, status: channels.status });
      await tx.insert(channelHistory).values(
        inserted.map((channel) => ({
          channelId: channel.id,
          unitId: channel.unitId,
          change: "imported" as const,
          status: channel.status,
          details: { fileName: input.fileName },
          actorId: ctx.actor?.personId ?? null,
        })),
      );
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "channel.import",
      unit: { id: selected.id, path: selected.path },
      ip: ctx.ip,
      details: {
        fileName: input.fileName,
        created: checked.valid.length,
        rejected: checked.totalRows - checked.valid.length,
      },
    });
    return { created: checked.valid.length, totalRows: checked.totalRows, errors: checked.errors };
  });
  invalidateChannelLookups(ctx.db);
  return result;
}

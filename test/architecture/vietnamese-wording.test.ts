import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * ../shared/VIETNAMESE.md is the writing guide: one spelling, one word for one thing. This test reads
 * every Vietnamese text a reader can meet — the app's dictionary, and the string literals of the
 * server (error messages, e-mails, server-rendered pages, exported files), the shared code and the
 * CLI — and fails on the spellings and terms the guide replaces, naming the file, line and the word
 * to use instead.
 */

const sourceRoot = fileURLToPath(new URL("../../src", import.meta.url));

interface Rule {
  /** What is wrong, as the guide says it. */
  forbidden: RegExp;
  use: string;
}

/**
 * The older tone placement: a mark on the last vowel of "oa, oe, uy" at the end of a syllable sits
 * on the first one (hòa, khỏe, thủy), except after "q" where "u" is part of the consonant (quá, quý).
 */
const newTonePlacement = /(?<![qQ])[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?!\p{L})/u;

const rules: Rule[] = [
  { forbidden: newTonePlacement, use: "the older tone placement: xóa, khóa, hòa, hóa, thủy, tùy, ủy, khỏe" },
  { forbidden: /Tỉ lệ|tỉ lệ/u, use: "tỷ lệ" },
  { forbidden: /fanpage/iu, use: "Trang Facebook" },
  { forbidden: /2FA|mã hai lớp/u, use: "xác thực hai lớp; mã xác thực" },
  { forbidden: /(?<!\p{L})Hãy(?!\p{L})/u, use: "Vui lòng … (a firm 'hãy' stays only in safety advice)" },
  { forbidden: /lên lịch/iu, use: "hẹn giờ đăng; lịch đăng" },
  { forbidden: /đăng tay/iu, use: "đăng thủ công; ghi nhận đã đăng thủ công" },
  { forbidden: /đăng lỗi/iu, use: "đăng không thành công" },
  { forbidden: /ảnh thẻ/iu, use: "ảnh chia sẻ" },
  { forbidden: /đường link|đường dẫn|(?<!\p{L})link(?!\p{L})/iu, use: "liên kết; địa chỉ (trang)" },
  { forbidden: /khớp (với )?(bộ lọc|“)|nào khớp|kênh khớp/iu, use: "phù hợp với" },
  { forbidden: /thư điện tử|(?<![\p{L}-])email(?!\p{L})/iu, use: "e-mail" },
  { forbidden: /Trường này là bắt buộc/iu, use: "Vui lòng nhập <tên trường>." },
  { forbidden: /ở tương lai/iu, use: "phải sau thời điểm hiện tại; không được sau ngày hôm nay" },
  { forbidden: /Official Account/u, use: "Zalo OA" },
  { forbidden: /cây tổ chức/iu, use: "sơ đồ tổ chức" },
  { forbidden: /đơn vị gốc/iu, use: "đơn vị cấp cao nhất" },
  { forbidden: /mã địa bàn hành chính/iu, use: "mã đơn vị hành chính" },
  { forbidden: /phiên bản đăng/iu, use: "bản đăng" },
  { forbidden: /quyền quản lý kênh|mất quyền quản lý/iu, use: "quyền quản trị" },
  { forbidden: /danh mục kênh|kênh thật/iu, use: "danh bạ kênh chính thức; kênh chính thức" },
  { forbidden: /nơi nhấp/iu, use: "trang dẫn đến" },
  {
    forbidden: /máy quét tự động|lượt máy tự động|lượt xem trước/iu,
    use: "lượt truy cập tự động; lượt tạo ảnh xem trước",
  },
  { forbidden: /Tên người dùng|tên người dùng/u, use: "tên tài khoản (@…)" },
  {
    forbidden: /ngừng hoạt động người|hồ sơ người(?! \p{L})|Chưa có ai trong danh sách/iu,
    use: "ngừng kích hoạt tài khoản; hồ sơ nhân sự; nhân sự",
  },
  {
    forbidden: /Người viết không tự duyệt|không ở trạng thái trả lại được/iu,
    use: "Bạn không thể tự duyệt bài do mình viết; Không thể trả lại bản đăng ở trạng thái hiện tại",
  },
  { forbidden: /Có thể nó bị gõ sai/iu, use: "Có thể liên kết bị gõ sai" },
  { forbidden: /Lượt chia sẻ thành viên báo/iu, use: "Lượt chia sẻ (thành viên tự ghi nhận)" },
  {
    forbidden: /Tên khi đó|như vào cuối ngày|Khóa nhận diện|Mã trên nền tảng/iu,
    use: "the fixes table of VIETNAMESE.md",
  },
  { forbidden: /chữ thường/iu, use: "văn bản thuần (chữ thường means lowercase)" },
  {
    forbidden: /Phiên bản\s+của bài|Yêu cầu kê khai|tham số theo dõi/u,
    use: "the fixes table of VIETNAMESE.md",
  },
  {
    forbidden: /rà soát các tài khoản công khai đã kê khai|Gửi mã trong tiêu đề/u,
    use: "the fixes table of VIETNAMESE.md",
  },
  { forbidden: /Chủ đề \(thẻ\)|mỗi thẻ|thẻ nhạy cảm/iu, use: "chủ đề; chủ đề nhạy cảm" },
  { forbidden: /cổng thông tin(?! điện tử tỉnh)(?! tỉnh)/iu, use: "trang tin (của đơn vị)" },
  {
    forbidden:
      /phiên bản (riêng|theo kênh|cho từng kênh)|(Lưu|Tạo) phiên bản|mỗi phiên bản|bên cạnh phiên bản/iu,
    use: "bản đăng (a post's per-channel variant); phiên bản only for a saved revision",
  },
  { forbidden: /cuộc trò chuyện/iu, use: "hội thoại" },
  { forbidden: /Tài khoản của tôi/iu, use: "kê khai tài khoản mạng xã hội" },
  { forbidden: /Xem cây/iu, use: "xem sơ đồ tổ chức theo ngày" },
  { forbidden: /(?<!\p{L})Ngừng hoạt động(?!\p{L})/u, use: "ngừng kích hoạt tài khoản" },
  {
    forbidden: /cán bộ, hội viên|cán bộ, đảng viên, đoàn viên(?!, hội viên)/iu,
    use: "cán bộ, đảng viên, đoàn viên, hội viên (always the four)",
  },
  { forbidden: /tenfanpage/iu, use: "an example naming no fanpage (https://www.facebook.com/ten-trang)" },
  { forbidden: /Quy định 85/u, use: "Quy định số 85-QĐ/TW … (number, symbol and date the first time)" },
  { forbidden: /\d %/u, use: "a no-break space before % (formatPercent)" },
];

/**
 * Text that is not ours to word: people's names as they write them (a third keep the older or the
 * newer tone placement on purpose, and search folds both), the folding code's own examples, and
 * rumours and scam messages quoted as citizens sent them.
 */
const notOurWords = new Set([
  "server/seed/demo-names.ts",
  "server/seed/demo-people.ts",
  "shared/vietnamese-text.ts",
  "server/modules/verification/matching/rumour-pairs.fixture.ts",
  "server/seed/demo-verification-rumours.ts",
  // The imports read the words people type in a spreadsheet's header or platform column
  // ("Thư điện tử", "fanpage"), so they must know them.
  "server/modules/channels/import.ts",
]);

/** Single texts, in files otherwise ours, that are someone else's words; each with its reason. */
const quoted: Array<{ file: string; text: string }> = [
  // A demo member's name as she writes it.
  { file: "server/seed/demo-accounts.ts", text: "Ma Thị Hoà" },
  // The scam message as citizens received it, quoted on the demo case.
  { file: "server/seed/demo-verification-texts.ts", text: "do sai sót khi tính hoá đơn" },
  { file: "server/seed/demo-verification-texts.ts", text: "bấm vào đường link evn-hoantien" },
  // A header an imported spreadsheet may use.
  { file: "server/modules/org/people-import.ts", text: "Thư điện tử" },
  // A file path in a backup, which is what "đường dẫn" means.
  { file: "server/backup/restore.ts", text: "Đường dẫn không hợp lệ" },
];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      return name === "migrations" ? [] : sourceFiles(path);
    }
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const vietnameseLetter = /[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

/** Drops comments so that only what the program says is read (a comment may name a forbidden word). */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "))
    .replace(
      /(^|[^:"'`\\])\/\/[^\n]*/g,
      (comment, before: string) => before + " ".repeat(comment.length - 1),
    );
}

interface Found {
  where: string;
  text: string;
  rule: Rule;
}

/** Vietnamese segments of a literal: a bilingual "vi / en" text is read by its Vietnamese half. */
function vietnameseSegments(literal: string): string[] {
  return literal
    .replace(/<[^>]*>/g, " ")
    .replace(/\$\{[^}]*\}|\$\{\s*[\w.?]+/g, " ")
    .replace(/\{\{\s*\w+\s*\}\}/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[\w.+-]+@[\w.-]+/g, " ")
    .split(/ \/ |\n/)
    .filter((segment) => vietnameseLetter.test(segment.replace(/Cầu Nối/g, "")));
}

function check(file: string, source: string): Found[] {
  const found: Found[] = [];
  const code = withoutComments(source);
  for (const match of code.matchAll(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)) {
    const line = code.slice(0, match.index).split("\n").length;
    const literal = match[0].slice(1, -1);
    if (quoted.some((quote) => quote.file === file && literal.includes(quote.text))) {
      continue;
    }
    for (const segment of vietnameseSegments(literal)) {
      for (const rule of rules) {
        if (rule.forbidden.test(segment)) {
          found.push({ where: `${file}:${line}`, text: segment.trim().slice(0, 120), rule });
        }
      }
    }
  }
  return found;
}

describe("Vietnamese as ../shared/VIETNAMESE.md writes it", () => {
  it("finds the words the guide replaces when they are planted, and passes the words it asks for", () => {
    const planted = check(
      "planted.ts",
      `const a = "Bạn có chắc muốn xoá bài này?"; const b = "Hãy nhập tên fanpage";
       const c = "Đã xóa. Hòa, Quý, quá, khỏe, hoàn tất."; // xoá in a comment
       const d = "Liên kết / Delete this link";`,
    );
    expect(planted.map((found) => found.rule.use)).toEqual([rules[0]?.use, rules[2]?.use, rules[4]?.use]);
  });

  it("finds the older wordings a new user's trial met", () => {
    const older = [
      "Lưu phiên bản",
      "sửa phiên bản cho từng kênh",
      "Các cuộc trò chuyện đã quá hạn",
      "Tài khoản của tôi",
      "Xem cây tại một ngày",
      "Ngừng hoạt động",
      "Cán bộ, hội viên trong phạm vi bạn được xem.",
      "Tài khoản do cán bộ, đảng viên, đoàn viên tự kê khai.",
      "Theo Quy định 85, cán bộ…",
      "90 % số hội thoại",
    ];
    for (const text of older) {
      expect(check("planted.ts", `const a = "${text}";`), text).not.toEqual([]);
    }
    const kept = [
      "So sánh phiên bản",
      "Không có trong phiên bản này",
      "cán bộ, đảng viên, đoàn viên, hội viên",
      "địa chỉ của tệp sẽ ngừng hoạt động",
      "90\u00a0% số hội thoại",
    ];
    for (const text of kept) {
      expect(check("planted.ts", `const a = "${text}";`), text).toEqual([]);
    }
  });

  it("gives example addresses that name no fanpage", () => {
    const found = sourceFiles(sourceRoot).filter((path) =>
      /tenfanpage/iu.test(withoutComments(readFileSync(path, "utf8"))),
    );
    expect(found.map((path) => relative(sourceRoot, path))).toEqual([]);
  });

  it("is how every Vietnamese text of the app, the server, e-mails, pages, exports and the CLI is written", () => {
    const found = sourceFiles(sourceRoot)
      .map((path) => relative(sourceRoot, path))
      .filter((file) => !notOurWords.has(file))
      .flatMap((file) => check(file, readFileSync(join(sourceRoot, file), "utf8")));
    expect(
      found.map((item) => `${item.where}: “${item.text}” → ${item.rule.use}`),
      "Vietnamese wording that ../shared/VIETNAMESE.md replaces",
    ).toEqual([]);
  });
});

import type { CliCommand } from "../command.ts";

/** `caunoi admin create`: an administrator of the root unit, created or promoted. */
export const adminCreate: CliCommand = {
  group: "admin",
  action: "create",
  usage: "--email E [--password P | --password-stdin] [--name TÊN]",
  summary: {
    vi: "Tạo quản trị viên của đơn vị cấp cao nhất, hoặc cấp quyền quản trị cho người đã có",
    en: "Create an administrator of the root unit, or promote an existing person",
  },
  help: [
    "--email E           e-mail đăng nhập / sign-in e-mail",
    "--password P        mật khẩu mới, ít nhất 10 ký tự; thay mật khẩu cũ nếu đã có",
    "                    new password, at least 10 characters; replaces an existing one",
    "--password-stdin    đọc mật khẩu từ dòng đầu của stdin / read the password from the first line of stdin",
    "--name TÊN          họ và tên khi tạo mới (mặc định “Quản trị viên”) / full name for a new person",
    "",
    "Không có mật khẩu: tài khoản mới được cấp mật khẩu ngẫu nhiên (in ra); tài khoản cũ giữ mật khẩu.",
    "Without a password: a new account gets a random one (printed); an existing account keeps its own.",
    "Đơn vị cấp cao nhất là đơn vị đầu tiên không có cấp trên; nếu chưa có đơn vị nào, một đơn vị cấp cao nhất trống được tạo",
    "(tên lấy từ CAUNOI_ORG_NAME) và máy chủ sẽ không tạo dữ liệu mẫu nữa.",
    "The root unit is the first unit without a parent; when there is none, an empty one is created",
    "(named by CAUNOI_ORG_NAME) and the server will then not create its demo data.",
  ],
  load: async () => (await import("./admin-create.ts")).runAdminCreate,
};

/** `caunoi migrate status`: which committed migrations the database has. */
export const migrateStatus: CliCommand = {
  group: "migrate",
  action: "status",
  usage: "",
  summary: {
    vi: "Liệt kê các bản chuyển đổi cơ sở dữ liệu và bản nào đã áp dụng",
    en: "List the database migrations and which are applied",
  },
  help: [
    "Không thay đổi gì; thư mục dữ liệu chưa có thì không được tạo ra.",
    "Changes nothing; a data directory that does not exist yet is not created.",
    "Ngày in ra là ngày của bản chuyển đổi (Drizzle không ghi thời điểm áp dụng).",
    "The date shown is the migration's own (Drizzle does not record when it ran).",
  ],
  load: async () => (await import("./migrate.ts")).runMigrateStatus,
};

/** `caunoi migrate up`: applies the pending migrations. */
export const migrateUp: CliCommand = {
  group: "migrate",
  action: "up",
  usage: "",
  summary: {
    vi: "Áp dụng các bản chuyển đổi còn thiếu (máy chủ cũng tự làm khi khởi động)",
    en: "Apply the pending migrations (the server also does this when it starts)",
  },
  help: [
    "Tạo thư mục dữ liệu nếu chưa có. / Creates the data directory when it does not exist.",
    "Với PostgreSQL nhiều máy chủ ứng dụng: chạy lệnh này một lần trước khi triển khai phiên bản mới.",
    "With PostgreSQL behind several app servers: run this once before rolling out a new version.",
  ],
  load: async () => (await import("./migrate.ts")).runMigrateUp,
};

/** `caunoi password reset`: a new password, the lockout lifted, every session ended. */
export const passwordReset: CliCommand = {
  group: "password",
  action: "reset",
  usage: "--email E [--password P | --password-stdin]",
  summary: {
    vi: "Đặt mật khẩu mới, mở khóa tài khoản và đăng xuất mọi phiên",
    en: "Set a new password, lift the lockout and end every session",
  },
  help: [
    "--email E           tài khoản cần đặt lại / the account to reset",
    "--password P        mật khẩu mới (ít nhất 10 ký tự); bỏ trống thì tạo ngẫu nhiên và in ra",
    "                    new password (at least 10 characters); generated and printed when absent",
    "--password-stdin    đọc mật khẩu từ dòng đầu của stdin / read the password from the first line of stdin",
    "",
    "Các liên kết đặt lại mật khẩu đã gửi qua e-mail cũng hết hiệu lực. Mã truy cập API giữ nguyên.",
    "Reset links already e-mailed stop working too. API tokens are kept.",
  ],
  load: async () => (await import("./password-reset.ts")).runPasswordReset,
};

/** `caunoi people import`: people from an XLSX or CSV file into a unit, every bad row reported. */
export const peopleImport: CliCommand = {
  group: "people",
  action: "import",
  usage: "TỆP/FILE --unit MÃ/CODE|ID [--dry-run]",
  summary: {
    vi: "Nhập danh sách người từ tệp XLSX hoặc CSV vào một đơn vị",
    en: "Import people from an XLSX or CSV file into a unit",
  },
  help: [
    "TỆP / FILE       tệp .xlsx hoặc .csv; cột: Họ và tên, E-mail, Số điện thoại, Chức vụ, Mã đơn vị",
    "                 an .xlsx or .csv file; columns: full name, e-mail, phone, position, unit code",
    "--unit MÃ|ID     đơn vị nhận (mã hoặc id); cột “Mã đơn vị” có thể chỉ đơn vị cấp dưới của nó",
    "                 the receiving unit (code or id); a “unit code” column may name units below it",
    "--dry-run        chỉ kiểm tra, không nhập / check only, import nothing",
    "",
    "Các dòng hợp lệ được nhập cùng lúc; mỗi dòng lỗi được in kèm số dòng.",
    "The good rows are imported together; every bad row is printed with its row number.",
    "Mã thoát / exit code: 0 nhập hết / all imported · 1 tệp bị từ chối, không nhập gì / file rejected, nothing imported",
    "                      3 đã nhập, bỏ qua dòng lỗi / imported, bad rows skipped",
  ],
  load: async () => (await import("./people-import.ts")).runPeopleImportCommand,
};

/** `caunoi token create`: a personal API token, printed once as the last line. */
export const tokenCreate: CliCommand = {
  group: "token",
  action: "create",
  usage: "--email E [--name TÊN]",
  summary: {
    vi: "Tạo mã truy cập API cho một người (in ở dòng cuối)",
    en: "Create an API token for a person (printed as the last line)",
  },
  help: [
    "--email E     người sở hữu mã; mã có đúng quyền của người đó / whose token: it carries that person's roles",
    "--name TÊN    tên để nhận ra mã sau này (mặc định “CLI”) / a name to recognise it by (default “CLI”)",
    "",
    "Mã chỉ hiện một lần, ở dòng cuối cùng; dùng: Authorization: Bearer <mã>.",
    "The token is shown once, as the last line; use it as: Authorization: Bearer <token>.",
  ],
  load: async () => (await import("./token-create.ts")).runTokenCreate,
};

/** `caunoi backup FILE`: the database, media files and key file in one .tar.gz. */
export const backupCreate: CliCommand = {
  group: "backup",
  action: "",
  usage: "TỆP/FILE.tar.gz",
  summary: {
    vi: "Sao lưu cơ sở dữ liệu, hàng đợi việc, tệp media và khóa vào một tệp",
    en: "Back up the database, the job queue, media files and the key into one file",
  },
  help: [
    "TỆP / FILE   tệp mới (.tar.gz); một tệp đã có không bị ghi đè / a new file; an existing one is never overwritten",
    "",
    "PostgreSQL (DATABASE_URL): chạy được khi máy chủ đang chạy; các bảng được đọc trong một ảnh chụp nhất quán.",
    "PostgreSQL: works while the server runs; the tables are read in one consistent snapshot.",
    "PGlite: vui lòng dừng máy chủ trước. / PGlite: stop the server first.",
    "Tệp chứa secret.key (khóa giải mã token trang) nếu khóa nằm trong DATA_DIR: vui lòng cất giữ an toàn.",
    "The file holds secret.key (the key to the stored page tokens) when it is in DATA_DIR: keep it safe.",
  ],
  load: async () => (await import("./backup.ts")).runBackup,
};

/** `caunoi restore FILE`: a backup into an empty database and media directory. */
export const backupRestore: CliCommand = {
  group: "restore",
  action: "",
  usage: "TỆP/FILE.tar.gz",
  summary: {
    vi: "Khôi phục một bản sao lưu vào cơ sở dữ liệu và thư mục media trống",
    en: "Restore a backup into an empty database and media directory",
  },
  help: [
    "TỆP / FILE   tệp do “caunoi backup” tạo, từ PGlite hoặc PostgreSQL / made by “caunoi backup”, on either engine",
    "",
    "Cơ sở dữ liệu phải trống (PGlite: DATA_DIR chưa có cơ sở dữ liệu), thư mục media cũng vậy.",
    "The database must be empty (PGlite: no database in DATA_DIR yet), and so must the media directory.",
    "Mọi số dòng và mã sha256 được kiểm tra trước khi ghi nhận; lỗi thì không giữ lại gì.",
    "Every row count and sha256 is checked before the commit; on failure nothing is kept.",
  ],
  load: async () => (await import("./backup.ts")).runRestore,
};

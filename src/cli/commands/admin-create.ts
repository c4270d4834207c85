import type { Db } from "../../server/db/client.ts";
import { endSessionsOf, hasPassword } from "../../server/modules/auth/index.ts";
import { holdsRoleOnUnit, personAccountByEmail } from "../../server/modules/org/index.ts";
import { recordAudit } from "../../server/platform/audit.ts";
import { ensureAdministrator, ensureRootUnit } from "../../server/seed/bootstrap.ts";
import { emailOption, parseCommandArgs, passwordOption, passwordOptions } from "../args.ts";
import { cliActorLabel } from "../context.ts";
import { withDatabase } from "../database.ts";
import { exitCodes } from "../errors.ts";
import type { CliIo } from "../io.ts";

/** What the account looks like before the command: whether it exists, is active, is already an administrator, has a password. */
async function describeAccount(db: Db, email: string, rootUnitId: string) {
  const person = await personAccountByEmail(db, email);
  if (!person) {
    return null;
  }
  const isAdmin = await holdsRoleOnUnit(db, {
    personId: person.id,
    unitId: rootUnitId,
    role: "administrator",
  });
  return { id: person.id, status: person.status, isAdmin, hasPassword: await hasPassword(db, person.id) };
}

/** `caunoi admin create`: an administrator of the root unit, created or promoted. */
export async function runAdminCreate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    email: { type: "string" },
    name: { type: "string" },
    ...passwordOptions,
  });
  const email = emailOption(values.email);
  const password = await passwordOption(values, io);
  return withDatabase({ io, mode: "ready" }, async (database, target) => {
    const { db } = database;
    const rootUnitId = await ensureRootUnit(db, process.env.CAUNOI_ORG_NAME ?? "Đơn vị cấp cao nhất");
    const before = await describeAccount(db, email, rootUnitId);
    const account = await ensureAdministrator(db, {
      email,
      password,
      fullName: values.name?.trim() || undefined,
      rootUnitId,
      replacePassword: true,
    });
    let endedSessions = 0;
    if (before && account.password) {
      // A replaced password is usually a suspected leak: whoever is signed in with the old one goes.
      endedSessions = await endSessionsOf(db, before.id);
    }
    if (account.password) {
      const person = await personAccountByEmail(db, email);
      await recordAudit(db, {
        actor: null,
        actorId: person?.id ?? null,
        actorLabel: cliActorLabel(),
        action: "auth.password_set",
        target: person ? { type: "person", id: person.id } : null,
        ip: null,
        details: { via: "cli", command: "admin create", sessionsEnded: endedSessions },
      });
    }

    io.out(`Cơ sở dữ liệu / database: ${target.label}`);
    if (account.created) {
      io.out(`Đã tạo quản trị viên / administrator created: ${email}`);
    } else if (before?.isAdmin) {
      io.out(`${email} đã là quản trị viên / is already an administrator`);
    } else {
      io.out(`Đã cấp quyền quản trị cho / promoted to administrator: ${email}`);
    }
    if (before?.status === "inactive") {
      io.err(
        "Cảnh báo: tài khoản này đang bị vô hiệu hóa nên chưa đăng nhập được. / " +
          "Warning: this account is deactivated and cannot sign in until it is reactivated.",
      );
    }
    if (account.password && password === undefined) {
      io.out(`Mật khẩu / password: ${account.password}`);
    } else if (account.password) {
      io.out(
        before?.hasPassword
          ? `Đã thay mật khẩu; ${endedSessions} phiên đăng nhập đã kết thúc. / Password replaced; ${endedSessions} sessions ended.`
          : "Đã đặt mật khẩu. / Password set.",
      );
    } else {
      io.out("Mật khẩu giữ nguyên. / Password unchanged.");
    }
    return exitCodes.ok;
  });
}

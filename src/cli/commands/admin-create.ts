import { and, eq } from "drizzle-orm";
import type { Db } from "../../server/db/client.ts";
import { credentials, people, roleGrants, sessions } from "../../server/db/schema/index.ts";
import { recordAudit } from "../../server/modules/auth/audit.ts";
import { ensureAdministrator, ensureRootUnit } from "../../server/seed/bootstrap.ts";
import { emailOption, parseCommandArgs, passwordOption, passwordOptions } from "../args.ts";
import { cliActorLabel } from "../context.ts";
import { withDatabase } from "../database.ts";
import { exitCodes } from "../errors.ts";
import type { CliIo } from "../io.ts";

/** What the account looks like before the command: whether it exists, is active, is already an administrator, has a password. */
async function describeAccount(db: Db, email: string, rootUnitId: string) {
  const [person] = await db
    .select({ id: people.id, status: people.status })
    .from(people)
    .where(eq(people.email, email));
  if (!person) {
    return null;
  }
  const [grant] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.personId, person.id),
        eq(roleGrants.unitId, rootUnitId),
        eq(roleGrants.role, "administrator"),
      ),
    );
  const [credential] = await db
    .select({ personId: credentials.personId })
    .from(credentials)
    .where(eq(credentials.personId, person.id));
  return { ...person, isAdmin: Boolean(grant), hasPassword: Boolean(credential) };
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
    const rootUnitId = await ensureRootUnit(db, process.env.CAUNOI_ORG_NAME ?? "Đơn vị gốc");
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
      const ended = await db
        .delete(sessions)
        .where(eq(sessions.personId, before.id))
        .returning({ personId: sessions.personId });
      endedSessions = ended.length;
    }
    if (account.password) {
      const [person] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
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

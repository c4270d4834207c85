import { resetPasswordByOperator } from "../../server/modules/auth/index.ts";
import { personAccountByEmail } from "../../server/modules/org/index.ts";
import { generatePassword } from "../../server/seed/bootstrap.ts";
import { emailOption, parseCommandArgs, passwordOption, passwordOptions } from "../args.ts";
import { cliActorLabel } from "../context.ts";
import { withDatabase } from "../database.ts";
import { CliError, exitCodes } from "../errors.ts";
import type { CliIo } from "../io.ts";

/** `caunoi password reset`: a new password, the lockout lifted, every session ended. */
export async function runPasswordReset(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { email: { type: "string" }, ...passwordOptions });
  const email = emailOption(values.email);
  const given = await passwordOption(values, io);
  return withDatabase({ io, mode: "ready" }, async ({ db }) => {
    const person = await personAccountByEmail(db, email);
    if (!person) {
      throw new CliError(`Không có ai dùng e-mail ${email}.`, `No one has the e-mail ${email}.`);
    }
    const password = given ?? generatePassword();
    const endedSessions = await resetPasswordByOperator(db, {
      personId: person.id,
      password,
      operatorLabel: cliActorLabel(),
    });
    io.out(`Đã đặt mật khẩu mới cho / new password set for: ${person.fullName} <${email}>`);
    io.out(
      `Đã mở khóa; ${endedSessions} phiên đăng nhập đã kết thúc. / Unlocked; ${endedSessions} sessions ended.`,
    );
    if (person.status === "inactive") {
      io.err(
        "Cảnh báo: tài khoản này đang bị vô hiệu hóa nên chưa đăng nhập được. / " +
          "Warning: this account is deactivated and cannot sign in until it is reactivated.",
      );
    }
    if (given === undefined) {
      io.out(`Mật khẩu mới / new password: ${password}`);
    }
    return exitCodes.ok;
  });
}

import { createApiToken } from "../../server/modules/auth/index.ts";
import { personAccountByEmail } from "../../server/modules/org/index.ts";
import { emailOption, parseCommandArgs } from "../args.ts";
import { cliContext } from "../context.ts";
import { withDatabase } from "../database.ts";
import { CliError, exitCodes } from "../errors.ts";
import type { CliIo } from "../io.ts";

/** `caunoi token create`: a personal API token, printed once as the last line. */
export async function runTokenCreate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { email: { type: "string" }, name: { type: "string" } });
  const email = emailOption(values.email);
  return withDatabase({ io, mode: "ready" }, async ({ db }) => {
    const person = await personAccountByEmail(db, email);
    if (!person) {
      throw new CliError(`Không có ai dùng e-mail ${email}.`, `No one has the e-mail ${email}.`);
    }
    if (person.status !== "active") {
      throw new CliError(
        `Tài khoản ${email} đang bị vô hiệu hóa; mã truy cập của nó sẽ không dùng được.`,
        `The account ${email} is deactivated; a token for it would not work.`,
      );
    }
    const { token, row } = await createApiToken(cliContext(db), {
      personId: person.id,
      name: values.name ?? "CLI",
    });
    io.out(`Mã truy cập API “${row.name}” cho / API token “${row.name}” for: ${person.fullName} <${email}>`);
    io.out("Mã chỉ hiện một lần, vui lòng lưu lại ngay. / The token is shown only once; store it now.");
    io.out(token);
    return exitCodes.ok;
  });
}

import { findUnitByCodeOrId, grantRole, personAccountByEmail } from "../../server/modules/org/index.ts";
import { type Role, roles } from "../../server/platform/actor.ts";
import { recordAudit } from "../../server/platform/audit.ts";
import { emailOption, parseCommandArgs, required } from "../args.ts";
import { cliActorLabel, cliContext } from "../context.ts";
import { withDatabase } from "../database.ts";
import { CliError, exitCodes, usageError } from "../errors.ts";
import type { CliIo } from "../io.ts";

/** `caunoi role grant`: grants a role as the operator (no signed-in actor), audited with who ran it. */
export async function runRoleGrant(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    email: { type: "string" },
    unit: { type: "string" },
    role: { type: "string" },
  });
  const email = emailOption(values.email);
  const unitRef = required(values.unit, "--unit");
  const role = required(values.role, "--role");
  if (!(roles as readonly string[]).includes(role)) {
    throw usageError(
      `Không có vai trò “${role}”; các vai trò: ${roles.join(", ")}.`,
      `There is no role “${role}”; the roles are: ${roles.join(", ")}.`,
    );
  }
  return withDatabase({ io, mode: "ready" }, async ({ db }) => {
    const person = await personAccountByEmail(db, email);
    if (!person) {
      throw new CliError(`Không có ai dùng e-mail ${email}.`, `No one has the e-mail ${email}.`);
    }
    const unit = await findUnitByCodeOrId(db, unitRef);
    if (!unit) {
      throw new CliError(
        `Không có đơn vị có mã hoặc id “${unitRef}”.`,
        `There is no unit with code or id “${unitRef}”.`,
      );
    }
    await grantRole(cliContext(db), { personId: person.id, unitId: unit.id, role: role as Role });
    // The service's own record has no actor; this one says who ran the command.
    await recordAudit(db, {
      actor: null,
      actorLabel: cliActorLabel(),
      action: "role.grant_cli",
      unit: { id: unit.id, path: unit.path },
      target: { type: "person", id: person.id },
      ip: null,
      details: { role },
    });
    io.out(
      `Đã cấp vai trò ${role} tại ${unit.name} cho ${person.fullName} <${email}>. / ` +
        `Granted ${role} on ${unit.name} to ${person.fullName} <${email}>.`,
    );
    return exitCodes.ok;
  });
}

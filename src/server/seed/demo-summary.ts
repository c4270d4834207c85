import type { Executor } from "../db/client.ts";
import { personAccountByEmail } from "../modules/org/index.ts";
import { type DemoAccount, demoAccounts } from "./demo-accounts.ts";

/*
 * What the server prints about the demo accounts when it starts: on the first start every account the
 * demo created, each with the shared password; on later starts, where they are and how to reset it.
 */

/** The named demo accounts that exist in this database (none once an operator removed the demo). */
export async function demoAccountsPresent(db: Executor): Promise<DemoAccount[]> {
  const present: DemoAccount[] = [];
  for (const account of demoAccounts) {
    if (await personAccountByEmail(db, account.email)) {
      present.push(account);
    }
  }
  return present;
}

/**
 * The lines about the demo accounts: with `demoPassword` (the start that created them) each account and
 * the password; without it, the accounts again and the command that sets a new shared password.
 */
export function demoAccountLines(options: {
  accounts: readonly DemoAccount[];
  demoPassword: string | null;
}): string[] {
  if (options.accounts.length === 0) {
    return [];
  }
  const listed = options.accounts.map(
    (account) => `    ${account.email} — ${account.description.vi} / ${account.description.en}`,
  );
  if (options.demoPassword) {
    return [
      "  Tài khoản mẫu / demo accounts:",
      ...listed,
      `    Mật khẩu chung của các tài khoản trên / shared password of the accounts above: ${options.demoPassword}`,
    ];
  }
  return [
    "  Tài khoản mẫu (mật khẩu chung đã in ở lần khởi động đầu tiên) / demo accounts (shared password printed at the first start):",
    ...listed,
    "    Quên mật khẩu chung? Đặt lại cho từng tài khoản / forgot it? Set it again for each account:",
    "    npx caunoi password reset --email <e-mail> --password <mật khẩu mới / new password>",
  ];
}

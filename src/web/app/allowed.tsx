import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { can, useSignedInSession } from "../backend/session.ts";
import type { Permission } from "../backend/types.ts";
import { EmptyBlock } from "../components/state-blocks.tsx";

/** Shows the page only to people the server says hold `permission` somewhere. */
export function Allowed({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  if (!can(session, permission)) {
    return (
      <EmptyBlock title={t("errors.forbiddenTitle")}>
        <span>{t("errors.forbiddenBody")}</span>
      </EmptyBlock>
    );
  }
  return children;
}

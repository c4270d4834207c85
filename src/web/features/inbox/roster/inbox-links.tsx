import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { can, useSignedInSession } from "../../../backend/session.ts";
import type { Permission } from "../../../backend/types.ts";

const pages: { to: string; key: string; permission: Permission }[] = [
  { to: "/inbox", key: "inbox", permission: "inbox.read" },
  { to: "/inbox/roster", key: "roster", permission: "inbox.read" },
  { to: "/inbox/my-shifts", key: "myShifts", permission: "inbox.read" },
  { to: "/inbox/breaches", key: "breaches", permission: "inbox.read" },
  { to: "/inbox/figures", key: "figures", permission: "inbox.read" },
  { to: "/inbox/settings", key: "settings", permission: "inbox.manage" },
];

/** The inbox's other pages, one tap away (the side menu lists only the inbox and the roster). */
export function InboxLinks() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { pathname } = useLocation();
  return (
    <Group gap={4} mb="sm" component="nav" aria-label={t("inbox.roster.links.inbox")}>
      {pages
        .filter((page) => page.to !== pathname && can(session, page.permission))
        .map((page) => (
          <Button key={page.to} component={Link} to={page.to} size="compact-sm" variant="subtle">
            {t(`inbox.roster.links.${page.key}`)}
          </Button>
        ))}
    </Group>
  );
}

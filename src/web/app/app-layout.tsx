import {
  ActionIcon,
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { useSignedInSession, useSignOut } from "../backend/session.ts";
import {
  AlertIcon,
  ApprovalIcon,
  CalendarIcon,
  ChannelIcon,
  ChecklistIcon,
  ExternalLinkIcon,
  EyeIcon,
  FlagIcon,
  HomeIcon,
  IdCardIcon,
  ImageIcon,
  InboxIcon,
  ListIcon,
  LogoutIcon,
  PenIcon,
  PeopleIcon,
  SendIcon,
  ShareIcon,
  TreeIcon,
  UploadIcon,
  UserIcon,
} from "../components/icons.tsx";
import { LanguageSwitch } from "../components/language-switch.tsx";
import { ApprovalsCountBadge } from "../features/approvals/approvals-count-badge.tsx";

import { homeOf, serverPageAddress } from "../features/home/home-route.ts";

import { NotificationBell } from "../features/notifications/notification-bell.tsx";
import { chosenLanguage } from "../i18n/index.ts";
import classes from "./app-layout.module.css";
import { type MenuRule, offers, staffToolRoles } from "./menu-rules.ts";

interface NavItem extends MenuRule {
  to: string;
  labelKey: string;
  icon: ReactNode;
  /** A page the server renders itself (light, for slow phones): reached by a full page load. */
  serverPage?: boolean;
  /** A number beside the label (what waits for the reader). */
  badge?: ReactNode;
}

const navItems: NavItem[] = [
  { to: "/share", labelKey: "nav.share", icon: <ShareIcon />, serverPage: true },
  {
    to: "/approvals",
    labelKey: "approvals.menu",
    icon: <ApprovalIcon />,
    permission: "posts.approve",
    badge: <ApprovalsCountBadge />,
  },
  { to: "/posts", labelKey: "nav.posts", icon: <PenIcon />, permission: "posts.read" },
  { to: "/calendar", labelKey: "nav.calendar", icon: <CalendarIcon />, permission: "posts.read" },
  { to: "/share-kits", labelKey: "nav.shareKits", icon: <ShareIcon />, permission: "advocacy.manage" },
  { to: "/campaigns", labelKey: "nav.campaigns", icon: <FlagIcon />, permission: "advocacy.manage" },
  { to: "/inbox", labelKey: "nav.inbox", icon: <InboxIcon />, permission: "inbox.read" },
  { to: "/inbox/roster", labelKey: "nav.roster", icon: <CalendarIcon />, permission: "inbox.read" },
  {
    to: "/inbox/my-shifts",
    labelKey: "inbox.roster.nav.myShifts",
    icon: <UserIcon />,
    permission: "inbox.read",
  },
  { to: "/verification", labelKey: "nav.verification", icon: <ChecklistIcon />, permission: "cases.read" },
  { to: "/units", labelKey: "nav.units", icon: <TreeIcon />, permission: "units.read" },
  { to: "/people", labelKey: "nav.people", icon: <PeopleIcon />, permission: "people.read" },
  { to: "/people/import", labelKey: "nav.import", icon: <UploadIcon />, permission: "people.manage" },
  {
    to: "/channels",
    labelKey: "nav.channels",
    icon: <ChannelIcon />,
    permission: "units.read",
    roles: staffToolRoles,
  },
  {
    to: "/media",
    labelKey: "nav.media",
    icon: <ImageIcon />,
    permission: "units.read",
    roles: staffToolRoles,
  },
  {
    to: "/declarations/requests",
    labelKey: "nav.declarationRequests",
    icon: <ChecklistIcon />,
    permission: "declarations.manage",
  },
  {
    to: "/declarations/alerts",
    labelKey: "nav.declarationAlerts",
    icon: <AlertIcon />,
    permission: "declarations.manage",
  },
  {
    to: "/declarations",
    labelKey: "nav.memberDeclarations",
    icon: <EyeIcon />,
    permission: "declarations.view",
  },
  { to: "/audit", labelKey: "nav.audit", icon: <ListIcon />, permission: "audit.read" },
  { to: "/my-stories", labelKey: "nav.myStories", icon: <SendIcon /> },
  { to: "/verification/report", labelKey: "nav.reportTip", icon: <AlertIcon /> },
  { to: "/my-accounts", labelKey: "nav.myAccounts", icon: <IdCardIcon /> },
  { to: "/profile", labelKey: "nav.profile", icon: <UserIcon /> },
];

/** The public pages citizens use, for staff to open and share. */
const publicPages = [
  { href: "/kiem-tra", labelKey: "nav.publicLookup" },
  { href: "/danh-ba", labelKey: "nav.publicDirectory" },
];

function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  const last = words.at(-1) ?? "";
  return (last[0] ?? "?").toUpperCase();
}

/** The signed-in frame: header with language and account menu, navigation that folds into a drawer on phones. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const locked = session.security.totpSetupRequired;
  const home = homeOf(session);
  // Everyone's first item leads to their home. Where the home is also a menu page (a member's share
  // feed, an approver's queue) that page is listed once, as "Trang chủ", keeping its count.
  const homeTwin = navItems.find((item) => item.to === home.to);
  const homeItem: NavItem = {
    to: home.to,
    labelKey: "home.menu",
    icon: <HomeIcon />,
    serverPage: home.serverPage,
    badge: homeTwin?.badge,
  };
  const items = [homeItem, ...navItems.filter((item) => item !== homeTwin)].filter(
    (item) => offers(session, item) && (!locked || item.to === "/profile"),
  );
  // The most specific matching item is the current one (/people/import is not also /people); on a
  // home that has its own item too (an approver's queue), that item is, rather than "Trang chủ".
  const current = items
    .filter((item) => location.pathname === item.to || location.pathname.startsWith(`${item.to}/`))
    .sort((a, b) => b.to.length - a.to.length || Number(a === homeItem) - Number(b === homeItem))[0];

  const doSignOut = async () => {
    close();
    await signOut();
    notifications.show({ color: "blue", message: t("auth.signedOut") });
    navigate("/sign-in", { replace: true });
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={{ base: "sm", sm: "lg" }}
    >
      <AppShell.Header>
        <a href="#main" className={classes.skipLink}>
          {t("common.skipToContent")}
        </a>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t("nav.closeMenu") : t("nav.openMenu")}
            />
            <UnstyledButton component={Link} to="/" onClick={close}>
              <Group gap={8} wrap="nowrap">
                <img src="/favicon.svg" alt="" width={28} height={28} />
                <Text fw={700} size="lg">
                  {t("app.name")}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <NotificationBell onOpen={close} />
            <Menu position="bottom-end" width={240} withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" radius="xl" size="lg" aria-label={session.person.fullName}>
                  <Avatar radius="xl" size={32} color="blue">
                    {initials(session.person.fullName)}
                  </Avatar>
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
                    {session.person.fullName}
                  </Text>
                  <Text size="xs" truncate>
                    {session.person.email}
                  </Text>
                </Menu.Label>
                <Menu.Item leftSection={<UserIcon size={16} />} component={Link} to="/profile">
                  {t("nav.profile")}
                </Menu.Item>
                <Menu.Item leftSection={<LogoutIcon size={16} />} onClick={() => void doSignOut()}>
                  {t("nav.signOut")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t("nav.main")}>
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) =>
            item.serverPage ? (
              <NavLink
                key={item.labelKey}
                href={serverPageAddress(item.to, chosenLanguage())}
                label={t(item.labelKey)}
                leftSection={item.icon}
              />
            ) : (
              <NavLink
                key={item.labelKey}
                component={Link}
                to={item.to}
                label={t(item.labelKey)}
                leftSection={item.icon}
                rightSection={item.badge}
                active={current === item}
                onClick={close}
              />
            ),
          )}
        </AppShell.Section>
        <AppShell.Section>
          {/* Server-rendered public pages: a full page load, never a client route. */}
          {publicPages.map((item) => (
            <NavLink
              key={item.href}
              href={item.href}
              label={t(item.labelKey)}
              leftSection={<ExternalLinkIcon />}
              onClick={close}
            />
          ))}
          <NavLink
            label={t("nav.signOut")}
            leftSection={<LogoutIcon />}
            onClick={() => void doSignOut()}
            component="button"
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <div id="main" tabIndex={-1} style={{ outline: "none" }}>
          {children}
        </div>
      </AppShell.Main>
    </AppShell>
  );
}

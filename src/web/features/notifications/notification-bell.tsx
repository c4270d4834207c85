import { ActionIcon, Indicator } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BellIcon } from "../../components/icons.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { useUnreadCount } from "./notifications-api.ts";

/** The header's bell: the number of unread notices, leading to the list of them. */
export function NotificationBell({ onOpen }: { onOpen?: () => void }) {
  const { t, i18n } = useTranslation();
  const count = useUnreadCount().data?.count ?? 0;
  const label =
    count > 0
      ? t("notifications.bellUnread", { count: formatNumber(count, i18n.language) })
      : t("notifications.bell");
  return (
    <Indicator
      label={count > 99 ? "99+" : formatNumber(count, i18n.language)}
      size={18}
      color="red"
      offset={6}
      disabled={count === 0}
      data-testid="notification-count"
      data-count={count}
    >
      <ActionIcon
        component={Link}
        to="/notifications"
        onClick={onOpen}
        variant="subtle"
        color="gray"
        radius="xl"
        size="lg"
        aria-label={label}
        title={label}
        data-testid="notification-bell"
      >
        <BellIcon />
      </ActionIcon>
    </Indicator>
  );
}

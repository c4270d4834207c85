import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ChannelPlatform, ChannelStatus } from "../../backend/types.ts";

const statusColors: Record<ChannelStatus, string> = {
  active: "green",
  closed: "gray",
  lost_control: "red",
};

/** The channel's status in words; closed and lost channels stand out from active ones. */
export function ChannelStatusBadge({ status }: { status: ChannelStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={statusColors[status]}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0, overflow: "visible" }}
    >
      {t(`channels.status.${status}`)}
    </Badge>
  );
}

/** The platform a channel lives on, as people call it. */
export function PlatformBadge({ platform }: { platform: ChannelPlatform }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="blue" size="sm" radius="sm" tt="none" style={{ flexShrink: 0 }}>
      {t(`channels.platform.${platform}`)}
    </Badge>
  );
}

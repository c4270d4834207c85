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

/**
 * The label of a channel's handle: a Facebook Page's or Group's name is the part of its address after
 * facebook.com/ (or facebook.com/groups/); elsewhere it is the account's @name.
 */
export function handleLabelKey(platform: ChannelPlatform | null | undefined): string {
  if (platform === "facebook_page") {
    return "channels.fields.handlePage";
  }
  if (platform === "facebook_group") {
    return "channels.fields.handleGroup";
  }
  return "channels.fields.handle";
}

/** The platform a channel lives on, as people call it. */
export function PlatformBadge({ platform }: { platform: ChannelPlatform }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color="blue"
      size="sm"
      radius="sm"
      tt="none"
      h="auto"
      style={{ flexShrink: 0, maxWidth: "100%" }}
      styles={{ label: { whiteSpace: "normal", paddingBlock: 2 } }}
    >
      {t(`channels.platform.${platform}`)}
    </Badge>
  );
}

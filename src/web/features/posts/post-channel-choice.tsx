import { Anchor, Box, Checkbox, Input, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Channel } from "../../backend/types.ts";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { fetchPublishableChannels, targetOfPlatform } from "./posts-api.ts";

/** The unit's channels as checkboxes; those the post already has stay ticked and fixed. */
export function ChannelChoice(props: {
  unitId: string;
  value: string[];
  existing: string[];
  disabled: boolean;
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const channels = useQuery({
    queryKey: ["channels", "publishable", props.unitId],
    queryFn: () => fetchPublishableChannels(props.unitId),
  });
  let content: ReactNode;
  if (channels.isPending) {
    content = <LoadingBlock />;
  } else if (channels.isError) {
    content = <ErrorBlock error={channels.error} onRetry={() => void channels.refetch()} />;
  } else if (channels.data.length === 0) {
    content = (
      <Text size="sm" c="dimmed">
        {t("posts.compose.noChannels")}{" "}
        <Anchor component={Link} to={`/channels?unitId=${props.unitId}`} size="sm">
          {t("posts.compose.registerChannel")}
        </Anchor>
      </Text>
    );
  } else {
    content = (
      <Stack gap={6} mt={4}>
        {channels.data.map((channel: Channel) => {
          const existing = props.existing.includes(channel.id);
          return (
            <Checkbox
              key={channel.id}
              value={channel.id}
              checked={existing || props.value.includes(channel.id)}
              disabled={existing || props.disabled}
              onChange={(event) =>
                props.onChange(
                  event.currentTarget.checked
                    ? [...props.value, channel.id]
                    : props.value.filter((id) => id !== channel.id),
                )
              }
              label={`${channel.displayName} · ${t(`posts.target.${targetOfPlatform[channel.platform] ?? "portal"}`)}`}
              data-testid="post-channel"
              data-platform={channel.platform}
            />
          );
        })}
      </Stack>
    );
  }
  return (
    <Box role="group" aria-labelledby="post-channels-label">
      <Input.Label id="post-channels-label">{t("posts.fields.channels")}</Input.Label>
      <Text size="xs" c="dimmed">
        {t("posts.compose.channelsHint")}
      </Text>
      {content}
    </Box>
  );
}

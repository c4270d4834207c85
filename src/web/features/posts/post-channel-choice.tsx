import { Anchor, Box, Checkbox, Input, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { blocksAutomaticPublishing } from "../../../shared/connection-state.ts";
import type { Channel } from "../../backend/types.ts";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { useConnectionStates } from "./channel-connection.tsx";
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
  const states = useConnectionStates((channels.data ?? []).map((channel) => channel.id));
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
          const checked = existing || props.value.includes(channel.id);
          const state = states.get(channel.id) ?? null;
          const blocked = checked && state !== null && blocksAutomaticPublishing(state);
          return (
            <Checkbox
              key={channel.id}
              value={channel.id}
              checked={checked}
              disabled={existing || props.disabled}
              onChange={(event) =>
                props.onChange(
                  event.currentTarget.checked
                    ? [...props.value, channel.id]
                    : props.value.filter((id) => id !== channel.id),
                )
              }
              label={`${channel.displayName} · ${t(`posts.target.${targetOfPlatform[channel.platform] ?? "portal"}`)}`}
              description={
                blocked
                  ? t("connections.variant.choice", { state: t(`connections.state.${state}`) })
                  : undefined
              }
              data-testid="post-channel"
              data-platform={channel.platform}
              data-connection={state ?? undefined}
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

import { Alert, Anchor, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { blocksAutomaticPublishing, type ConnectionState } from "../../../shared/connection-state.ts";
import { api } from "../../backend/typed-client.ts";

/*
 * Whether the channels a post goes to are connected for automatic publishing. A variant for a
 * Facebook Page, Zalo OA or YouTube channel that is not connected (or whose connection expired or
 * was refused) cannot be scheduled: the server refuses it, and the desk says so before anyone tries.
 */

/** The connection state of each channel (null where none is needed), by channel id; empty while loading. */
export function useConnectionStates(
  channelIds: readonly string[],
): ReadonlyMap<string, ConnectionState | null> {
  // The server answers for at most 100 channels at once; a post's form never shows more.
  const ids = [...new Set(channelIds)].sort().slice(0, 100);
  const states = useQuery({
    queryKey: ["channels", "connection-states", ids.join(",")],
    queryFn: () => api("GET", "/api/connections/states", { query: { channelIds: ids.join(",") } }),
    enabled: ids.length > 0,
  });
  return new Map((states.data?.items ?? []).map((item) => [item.channelId, item.state]));
}

/** The state that keeps a variant's channel from automatic publishing, or null when nothing does. */
export function useBlockedConnection(channelId: string): "not_connected" | "expired" | "refused" | null {
  const state = useConnectionStates([channelId]).get(channelId) ?? null;
  return state && blocksAutomaticPublishing(state) ? state : null;
}

/** Why the variant cannot be scheduled, with the way to the channel's page where it is connected. */
export function ScheduleBlockedNotice({
  state,
  channelId,
}: {
  state: "not_connected" | "expired" | "refused";
  channelId: string;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" data-testid="variant-not-connected" data-state={state} p="xs">
      <Text size="sm" fw={600}>
        {t(`connections.state.${state}`)}
      </Text>
      <Text size="sm">{t(`connections.variant.blocked.${state}`)}</Text>
      <Anchor component={Link} to={`/channels/${channelId}`} size="sm">
        {t("connections.variant.openChannel")}
      </Anchor>
    </Alert>
  );
}

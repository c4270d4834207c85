import { Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { EmptyBlock, FormError } from "../../../components/state-blocks.tsx";
import { formatDateTime, formatDay } from "../../../i18n/format.ts";
import { clockOf, type RosterSwap, weekdayName } from "./roster-api.ts";
import { rosterKey } from "./shift-dialogs.tsx";

const statusColors = { pending: "grape", accepted: "green", declined: "red", cancelled: "gray" } as const;

/** Swap requests with what the reader may do on each: accept or decline one sent to them, withdraw their own. */
export function SwapList({ items, empty }: { items: RosterSwap[]; empty: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: (input: { id: string; decision: "accept" | "decline" | "cancel" }) =>
      api("POST", "/api/roster/swaps/:id/decision", {
        params: { id: input.id },
        body: { decision: input.decision },
      }),
    onSuccess: async (_swap, input) => {
      const done = { accept: "accepted", decline: "declined", cancel: "cancelled" } as const;
      notifications.show({ color: "green", message: t(`inbox.roster.swaps.${done[input.decision]}`) });
      await client.invalidateQueries({ queryKey: rosterKey });
    },
  });
  if (items.length === 0) {
    return <EmptyBlock title={empty} />;
  }
  return (
    <Stack gap="xs">
      <FormError error={decide.error} />
      {items.map((swap) => (
        <Card key={swap.id} withBorder padding="sm" data-testid="swap-card">
          <Stack gap={4}>
            <Group gap="xs" justify="space-between">
              <Text fw={600} size="sm">
                {swap.shift.slotName} · {weekdayName(swap.shift.day, i18n.language)}{" "}
                {formatDay(swap.shift.day)} · {clockOf(swap.shift.startsAt, i18n.language)}–
                {clockOf(swap.shift.endsAt, i18n.language)}
              </Text>
              <Badge color={statusColors[swap.status]} variant="light" tt="none">
                {t(`inbox.roster.swaps.status.${swap.status}`)}
              </Badge>
            </Group>
            <Text size="sm">
              {t("inbox.roster.swaps.from", { from: swap.from.fullName, to: swap.to.fullName })}
            </Text>
            {swap.note && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
                “{swap.note}”
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t("inbox.roster.swaps.sentAt", { time: formatDateTime(swap.createdAt, i18n.language) })}
            </Text>
            {swap.status === "pending" && (swap.canAccept || swap.canCancel) && (
              <Group gap="xs" mt={4}>
                {swap.canAccept && (
                  <>
                    <Button
                      size="xs"
                      color="green"
                      loading={decide.isPending && decide.variables?.id === swap.id}
                      onClick={() => decide.mutate({ id: swap.id, decision: "accept" })}
                    >
                      {t("inbox.roster.swaps.accept")}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={decide.isPending}
                      onClick={() => decide.mutate({ id: swap.id, decision: "decline" })}
                    >
                      {t("inbox.roster.swaps.decline")}
                    </Button>
                  </>
                )}
                {swap.canCancel && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    disabled={decide.isPending}
                    onClick={() => decide.mutate({ id: swap.id, decision: "cancel" })}
                  >
                    {t("inbox.roster.swaps.cancel")}
                  </Button>
                )}
              </Group>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

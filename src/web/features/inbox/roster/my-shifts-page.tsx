import { Anchor, Badge, Button, Card, Group, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSignedInSession } from "../../../backend/session.ts";
import { api } from "../../../backend/typed-client.ts";
import { DateTimeField } from "../../../components/date-fields.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, FormError, LoadingBlock } from "../../../components/state-blocks.tsx";
import { formatDateTime, formatDay, vietnamLocalToIso } from "../../../i18n/format.ts";
import { InboxLinks } from "./inbox-links.tsx";
import { clockOf, type RosterShift, weekdayName } from "./roster-api.ts";
import { rosterKey, SwapDialog } from "./shift-dialogs.tsx";
import { SwapList } from "./swap-list.tsx";

/** "Ca trực của tôi": my next shifts, swap requests to and from me, and whether I am away. */
export default function MyShiftsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const shifts = useQuery({
    queryKey: [...rosterKey, "mine"],
    queryFn: () => api("GET", "/api/roster/me/shifts"),
  });
  const swaps = useQuery({
    queryKey: [...rosterKey, "swaps", "mine"],
    queryFn: () => api("GET", "/api/roster/swaps"),
  });
  const me = session.person.id;
  const swapItems = swaps.data?.items ?? [];
  const incoming = swapItems.filter((swap) => swap.to.id === me);
  const outgoing = swapItems.filter((swap) => swap.from.id === me);

  return (
    <>
      <InboxLinks />
      <PageHeader title={t("inbox.roster.mine.title")} subtitle={t("inbox.roster.mine.subtitle")} />
      <Stack gap="lg">
        <AwayPanel />
        <section>
          <Title order={2} size="h4" mb="xs">
            {t("inbox.roster.mine.next")}
          </Title>
          {shifts.isPending && <LoadingBlock />}
          {shifts.isError && <ErrorBlock error={shifts.error} onRetry={() => void shifts.refetch()} />}
          {shifts.data && shifts.data.items.length === 0 && (
            <EmptyBlock title={t("inbox.roster.mine.empty")} />
          )}
          <Stack gap="xs">
            {shifts.data?.items.map((shift) => (
              <MyShiftCard key={shift.id} shift={shift} />
            ))}
          </Stack>
        </section>
        <section>
          <Title order={2} size="h4" mb="xs">
            {t("inbox.roster.mine.incoming")}
          </Title>
          {swaps.isPending && <LoadingBlock />}
          {swaps.isError && <ErrorBlock error={swaps.error} onRetry={() => void swaps.refetch()} />}
          {swaps.data && <SwapList items={incoming} empty={t("inbox.roster.mine.noIncoming")} />}
        </section>
        <section>
          <Title order={2} size="h4" mb="xs">
            {t("inbox.roster.mine.outgoing")}
          </Title>
          {swaps.data && <SwapList items={outgoing} empty={t("inbox.roster.mine.noOutgoing")} />}
        </section>
      </Stack>
    </>
  );
}

function MyShiftCard({ shift }: { shift: RosterShift }) {
  const { t, i18n } = useTranslation();
  const [swapping, setSwapping] = useState(false);
  const now = Date.now();
  const onDutyNow = new Date(shift.startsAt).getTime() <= now && now < new Date(shift.endsAt).getTime();
  const time = `${clockOf(shift.startsAt, i18n.language)}–${clockOf(shift.endsAt, i18n.language)}`;
  const colleagues = shift.people;
  return (
    <Card withBorder padding="sm" data-testid="my-shift">
      <Stack gap={4}>
        <Group gap="xs" justify="space-between">
          <Text fw={700} size="sm">
            {weekdayName(shift.day, i18n.language)} {formatDay(shift.day)} · {shift.slotName} · {time}
          </Text>
          <Group gap={4}>
            {onDutyNow && (
              <Badge color="green" tt="none">
                {t("inbox.roster.mine.now")}
              </Badge>
            )}
            {shift.isHoliday && (
              <Badge color="orange" variant="light" tt="none">
                {t("inbox.roster.tabs.holidays")}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {colleagues
            .map((person) =>
              person.isLeader ? `${person.fullName} (${t("inbox.roster.leader")})` : person.fullName,
            )
            .join(", ")}
        </Text>
        {shift.pendingSwap ? (
          <Badge color="grape" variant="light" tt="none">
            {t("inbox.roster.pendingSwap", {
              from: shift.pendingSwap.from.fullName,
              to: shift.pendingSwap.to.fullName,
            })}
          </Badge>
        ) : (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setSwapping(true)}>
              {t("inbox.roster.shift.askSwap")}
            </Button>
            <Anchor
              component={Link}
              to={`/inbox/roster?unitId=${shift.unitId}&month=${shift.day.slice(0, 7)}`}
              size="sm"
            >
              {t("inbox.roster.mine.roster")}
            </Anchor>
          </Group>
        )}
      </Stack>
      {swapping && (
        <SwapDialog
          shift={{ id: shift.id, day: shift.day, slotName: shift.slotName, slotTime: time }}
          onClose={() => setSwapping(false)}
        />
      )}
    </Card>
  );
}

/** "Tôi đang vắng mặt": while on, new conversations skip me; optionally back at a set time. */
function AwayPanel() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const away = useQuery({
    queryKey: [...rosterKey, "away"],
    queryFn: () => api("GET", "/api/roster/me/away"),
  });
  const [until, setUntil] = useState("");
  const [tried, setTried] = useState(false);
  const untilIso = until ? vietnamLocalToIso(until) : undefined;
  const untilPast = Boolean(untilIso && new Date(untilIso).getTime() <= Date.now());
  const save = useMutation({
    mutationFn: (body: { away: boolean; until?: string }) => api("PUT", "/api/roster/me/away", { body }),
    onSuccess: async (result) => {
      notifications.show({
        color: "green",
        message: t(result.away ? "inbox.roster.away.savedAway" : "inbox.roster.away.savedBack"),
      });
      setUntil("");
      setTried(false);
      await client.invalidateQueries({ queryKey: rosterKey });
    },
  });
  if (away.isPending) {
    return <LoadingBlock />;
  }
  if (away.isError) {
    return <ErrorBlock error={away.error} onRetry={() => void away.refetch()} />;
  }
  const isAway = away.data.away;
  return (
    <Paper withBorder p="sm" data-testid="away-panel">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("inbox.roster.away.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("inbox.roster.away.explain")}
        </Text>
        {/* The return time is chosen before switching on: the switch saves at once. */}
        {!isAway && (
          <DateTimeField
            label={t("inbox.roster.away.until")}
            description={t("inbox.roster.away.untilHint")}
            value={until}
            onChange={setUntil}
            error={tried && untilPast ? t("inbox.roster.away.untilFuture") : undefined}
            data-testid="away-until"
            style={{ maxWidth: 420 }}
          />
        )}
        <Switch
          size="md"
          label={t("inbox.roster.away.toggle")}
          checked={isAway}
          disabled={save.isPending}
          onChange={(event) => {
            const next = event.currentTarget.checked;
            setTried(true);
            if (next && untilPast) {
              return;
            }
            save.mutate(next ? { away: true, until: untilIso } : { away: false });
          }}
        />
        <Text size="sm" fw={600} c={isAway ? "orange.9" : undefined}>
          {isAway
            ? away.data.until
              ? t("inbox.roster.away.awayUntil", { time: formatDateTime(away.data.until, i18n.language) })
              : t("inbox.roster.away.awayNow")
            : t("inbox.roster.away.present")}
        </Text>
        <FormError error={save.error} />
      </Stack>
    </Paper>
  );
}

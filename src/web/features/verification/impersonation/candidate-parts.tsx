import { Anchor, Badge, Group, List, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ResponseOf } from "../../../backend/typed-client.ts";
import { formatPercent } from "../../../i18n/format.ts";

export type CandidateItem = ResponseOf<"GET", "/api/impersonation/candidates/:id">;

const knownReasons = new Set([
  "name_same",
  "name_disguised",
  "handle_same",
  "handle_contains",
  "handle_matches_name",
  "handle_disguised",
  "domain_similar",
  "same_domain",
  "name_similar",
  "name_contains",
  "handle_close",
  "domain_imitates",
  "avatar_similar",
  "different_place",
  "same_platform",
  "registered",
]);

/** The score as a bar with its percentage in words (the colour only repeats what the words say). */
export function ScoreBar({ score }: { score: number }) {
  const { t, i18n } = useTranslation();
  const percent = Math.round(score * 100);
  const color = score >= 0.7 ? "red" : score >= 0.4 ? "orange" : "gray";
  return (
    <Stack gap={4}>
      <Text size="sm">
        {t("verification.impersonation.score", { percent: formatPercent(percent, i18n.language) })}
      </Text>
      <Progress value={percent} color={color} size="md" aria-hidden />
    </Stack>
  );
}

/** The score's reasons as sentences; a code the page does not know is named as "another sign". */
export function ReasonList({
  reasons,
  withDetail = false,
}: {
  reasons: CandidateItem["reasons"];
  /** The scorer's own note (folded names compared): for the detail view, not the list. */
  withDetail?: boolean;
}) {
  const { t } = useTranslation();
  if (reasons.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("verification.impersonation.noReasons")}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2}>
      {reasons.map((reason, index) => (
        // Reasons have no id of their own; their order is the score's.
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list shown once
        <List.Item key={index}>
          {t(`verification.impersonation.reason_${knownReasons.has(reason.code) ? reason.code : "other"}`)}
          {withDetail && reason.detail ? (
            <Text span size="xs" c="dimmed">
              {" "}
              ({reason.detail})
            </Text>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
}

export function StatusBadge({ status }: { status: CandidateItem["status"] }) {
  const { t } = useTranslation();
  const words = {
    candidate: t("verification.impersonation.statusCandidate"),
    confirmed: t("verification.impersonation.statusConfirmed"),
    dismissed: t("verification.impersonation.statusDismissed"),
  };
  const colors = { candidate: "blue", confirmed: "red", dismissed: "gray" };
  return (
    <Badge color={colors[status]} variant="light">
      {words[status]}
    </Badge>
  );
}

/** The page's address as a link that never widens a phone screen. */
export function PageAddress({ url }: { url: string }) {
  return (
    <Anchor
      href={url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      size="sm"
      style={{ overflowWrap: "anywhere" }}
    >
      {url}
    </Anchor>
  );
}

export function Resemblance({ candidate }: { candidate: CandidateItem }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Text size="sm" c={candidate.channel ? undefined : "dimmed"} style={{ overflowWrap: "anywhere" }}>
        {candidate.channel
          ? t("verification.impersonation.resembles", {
              name: candidate.channel.displayName,
              unit: candidate.channel.unitName,
            })
          : t("verification.impersonation.noResemblance")}
      </Text>
    </Group>
  );
}

import { Group, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../../backend/types.ts";
import { formatNumber, formatPercent } from "../../i18n/format.ts";
import { progressPercent } from "./advocacy-api.ts";

/** How far a campaign has got towards its goal, as a bar and in words. */
export function CampaignProgress({
  campaign,
  size = "md",
}: {
  campaign: Campaign;
  size?: "sm" | "md" | "lg";
}) {
  const { t, i18n } = useTranslation();
  const percent = progressPercent(campaign.progress, campaign.goalTarget);
  const label = t("advocacy.campaign.progress", {
    progress: formatNumber(campaign.progress, i18n.language),
    target: formatNumber(campaign.goalTarget, i18n.language),
    unit: t(`advocacy.goalUnit.${campaign.goalKind}`),
  });
  return (
    <Stack gap={2} data-testid="campaign-progress">
      <Progress
        value={percent}
        size={size}
        color={percent >= 100 ? "green" : "blue"}
        aria-label={label}
        radius="sm"
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs">{label}</Text>
        <Text size="xs" fw={600}>
          {formatPercent(percent, i18n.language)}
        </Text>
      </Group>
    </Stack>
  );
}

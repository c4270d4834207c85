import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Campaign, Kit } from "../../backend/types.ts";
import { campaignStateColors, campaignStateOf, kitStateColors, kitStateOf } from "./advocacy-api.ts";

/** Live, expired or withdrawn, in the same colours everywhere. */
export function KitStateBadge({ kit }: { kit: Pick<Kit, "status" | "live"> }) {
  const { t } = useTranslation();
  const state = kitStateOf(kit);
  return (
    <Badge
      variant="light"
      color={kitStateColors[state]}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0 }}
      data-state={state}
    >
      {t(`advocacy.kitState.${state}`)}
    </Badge>
  );
}

/** Upcoming, running or ended, from the campaign's dates in Vietnam. */
export function CampaignStateBadge({ campaign }: { campaign: Pick<Campaign, "startsOn" | "endsOn"> }) {
  const { t } = useTranslation();
  const state = campaignStateOf(campaign);
  return (
    <Badge
      variant="light"
      color={campaignStateColors[state]}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0 }}
      data-state={state}
    >
      {t(`advocacy.campaignState.${state}`)}
    </Badge>
  );
}

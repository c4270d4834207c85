import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Campaign, Kit } from "../../backend/types.ts";
import { campaignStateColors, campaignStateOf, kitStateColors, kitStateOf } from "./advocacy-api.ts";

/** A state as a small coloured badge that never wraps or shrinks in a row. */
function StateBadge({ state, color, label }: { state: string; color: string; label: string }) {
  return (
    <Badge
      variant="light"
      color={color}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0 }}
      data-state={state}
    >
      {label}
    </Badge>
  );
}

/** Live, expired or withdrawn, in the same colours everywhere. */
export function KitStateBadge({ kit }: { kit: Pick<Kit, "status" | "live"> }) {
  const { t } = useTranslation();
  const state = kitStateOf(kit);
  return <StateBadge state={state} color={kitStateColors[state]} label={t(`advocacy.kitState.${state}`)} />;
}

/** Upcoming, running or ended, from the campaign's dates in Vietnam. */
export function CampaignStateBadge({ campaign }: { campaign: Pick<Campaign, "startsOn" | "endsOn"> }) {
  const { t } = useTranslation();
  const state = campaignStateOf(campaign);
  return (
    <StateBadge
      state={state}
      color={campaignStateColors[state]}
      label={t(`advocacy.campaignState.${state}`)}
    />
  );
}

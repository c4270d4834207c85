import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CaseStatus, CaseUrgency } from "../../../../shared/api/verification-values.ts";

const urgencyColors: Record<CaseUrgency, string> = {
  critical: "red",
  high: "orange",
  normal: "blue",
  low: "gray",
};

const statusColors: Record<CaseStatus, string> = {
  received: "grape",
  checking: "blue",
  awaiting_signoff: "yellow",
  published: "green",
  paused: "orange",
  closed: "gray",
  merged: "gray",
};

export function UrgencyBadge({ urgency }: { urgency: CaseUrgency }) {
  const { t } = useTranslation();
  return (
    <Badge color={urgencyColors[urgency]} variant={urgency === "critical" ? "filled" : "light"} tt="none">
      {t(`verification.cases.urgency.${urgency}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="outline" tt="none">
      {t(`verification.cases.status.${status}`)}
    </Badge>
  );
}

/** "3 giờ", "2 ngày", "vừa xong": how long a case has waited. */
export function useAgeText() {
  const { t } = useTranslation();
  return (hours: number) =>
    hours < 1
      ? t("verification.cases.minutes")
      : hours < 48
        ? t("verification.cases.age", { age: t("verification.cases.hours", { count: hours }) })
        : t("verification.cases.age", {
            age: t("verification.cases.days", { count: Math.floor(hours / 24) }),
          });
}

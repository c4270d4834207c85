import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VariantStatus, VariantTarget } from "../../backend/types.ts";

/** One colour per status, shared by the badges and the calendar so both read the same way. */
export const statusColors: Record<VariantStatus, string> = {
  draft: "gray",
  in_review: "yellow",
  approved: "cyan",
  scheduled: "blue",
  publishing: "indigo",
  published: "green",
  failed: "red",
};

export function VariantStatusBadge({
  status,
  size = "sm",
}: {
  status: VariantStatus;
  size?: "xs" | "sm" | "md";
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={statusColors[status]}
      size={size}
      radius="sm"
      tt="none"
      style={{ flexShrink: 0, overflow: "visible" }}
      data-status={status}
    >
      {t(`posts.status.${status}`)}
    </Badge>
  );
}

/** A variant as "platform: status", for lists where several variants of one post sit side by side. */
export function VariantChip({
  target,
  status,
  label,
}: {
  target: VariantTarget;
  status: VariantStatus;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={statusColors[status]}
      size="sm"
      radius="sm"
      tt="none"
      style={{ overflow: "visible", maxWidth: "100%" }}
      data-status={status}
    >
      {label ?? t(`posts.target.${target}`)}: {t(`posts.status.${status}`)}
    </Badge>
  );
}

export function TargetBadge({ target }: { target: VariantTarget }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="blue" size="sm" radius="sm" tt="none" style={{ flexShrink: 0 }}>
      {t(`posts.target.${target}`)}
    </Badge>
  );
}

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
/** A channel's full name ("Trang Facebook: Đăng không thành công") wraps on a phone rather than being cut off. */
const wrapping = { label: { whiteSpace: "normal", paddingBlock: 2 } } as const;

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
      h="auto"
      style={{ overflow: "visible", maxWidth: "100%" }}
      styles={wrapping}
      data-status={status}
    >
      {label ?? t(`posts.target.${target}`)}: {t(`posts.status.${status}`)}
    </Badge>
  );
}

export function TargetBadge({ target }: { target: VariantTarget }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="blue" size="sm" radius="sm" tt="none" h="auto" styles={wrapping}>
      {t(`posts.target.${target}`)}
    </Badge>
  );
}

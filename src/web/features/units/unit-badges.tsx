import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const kindColors: Record<string, string> = {
  province: "indigo",
  commune: "teal",
  party_committee: "red",
  agency: "blue",
  cell: "orange",
  mass_organisation: "violet",
  union_branch: "grape",
  other: "gray",
};

/** The kind of unit in words (Tỉnh/Thành phố, Chi bộ…). */
export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={kindColors[kind] ?? "gray"}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0 }}
    >
      {t(`units.kind.${kind}`, { defaultValue: kind })}
    </Badge>
  );
}

/** Shown only for units that have ended (merged or dissolved). */
export function UnitStatusBadge({ status, always = false }: { status: string; always?: boolean }) {
  const { t } = useTranslation();
  if (status === "active" && !always) {
    return null;
  }
  const color = status === "active" ? "green" : status === "merged" ? "yellow" : "gray";
  return (
    <Badge variant="outline" color={color} size="sm" radius="sm" tt="none" style={{ flexShrink: 0 }}>
      {t(`units.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

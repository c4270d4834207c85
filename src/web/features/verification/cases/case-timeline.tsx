import { Stack, Text, Timeline, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../i18n/format.ts";
import type { CaseDetail } from "./case-api.ts";

type Event = CaseDetail["timeline"][number];

/** What changed, in words: "Khẩn cấp", "Lừa đảo", a name or a time, never a raw code. */
function useEventDetail() {
  const { t, i18n } = useTranslation();
  const word = (field: unknown, value: unknown): string => {
    if (value === null || value === undefined || value === "") {
      return "—";
    }
    if (typeof value === "object" && value && "fullName" in value) {
      return String((value as { fullName: string }).fullName);
    }
    if (field === "category") {
      return t(`verification.cases.category.${String(value)}`);
    }
    if (field === "urgency") {
      return t(`verification.cases.urgency.${String(value)}`);
    }
    if (field === "dueAt") {
      return formatDateTime(String(value), i18n.language);
    }
    return String(value);
  };
  return (event: Event): string | null => {
    const details = event.details as Record<string, unknown>;
    if (event.kind === "status") {
      return `${t(`verification.cases.status.${String(details.from)}`)} → ${t(`verification.cases.status.${String(details.to)}`)}`;
    }
    if ("to" in details) {
      return `${word(details.field, details.from)} → ${word(details.field, details.to)}`;
    }
    if (typeof details.text === "string") {
      return details.text;
    }
    if (typeof details.intoTitle === "string") {
      return details.intoTitle;
    }
    if (typeof details.fromTitle === "string") {
      return details.fromTitle;
    }
    if (typeof details.title === "string" || typeof details.url === "string") {
      return String(details.title ?? details.url);
    }
    if (typeof details.excerpt === "string") {
      return details.excerpt;
    }
    return null;
  };
}

/** Every action on the case, oldest first, with who did it. */
export function CaseTimeline({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const describe = useEventDetail();
  return (
    <Stack gap="sm" data-testid="timeline">
      <Title order={2} size="h4">
        {t("verification.cases.case.timeline")}
      </Title>
      <Timeline bulletSize={14} lineWidth={2}>
        {detail.timeline.map((event) => {
          const known = t(`verification.cases.case.event.${event.kind}`, { defaultValue: "" });
          const line = describe(event);
          return (
            <Timeline.Item key={event.id} title={known || t("verification.cases.case.eventOther")}>
              {line && (
                <Text size="sm" style={{ overflowWrap: "anywhere" }} lineClamp={3}>
                  {line}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {event.actor?.fullName ?? t("verification.cases.case.system")} ·{" "}
                {formatDateTime(event.createdAt, i18n.language)}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}

import { Box, Button, Group, Popover, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { type CSSProperties, type DragEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CalendarItem } from "../../backend/types.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { timeOf } from "./calendar-labels.ts";
import { PlatformIcon } from "./platform-icon.tsx";
import { statusColors, VariantStatusBadge } from "./post-badges.tsx";

/** Only these can be moved: the server schedules approved, scheduled and failed variants. */
export const isMovable = (item: CalendarItem) => item.status === "scheduled" || item.status === "failed";

/**
 * One post on the calendar: the platform's mark, its time and title in its status colour; the
 * full title shows on hover and focus when the day's box cuts it short; a click shows the details
 * and actions.
 */
export function CalendarEntry(props: {
  item: CalendarItem;
  channelName: string;
  mayMove: boolean;
  onReschedule: (item: CalendarItem) => void;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { item } = props;
  const color = statusColors[item.status];
  const draggable = props.mayMove && isMovable(item);
  const where = props.channelName || t(`posts.target.${item.target}`);
  return (
    <Popover width={280} position="bottom-start" withinPortal shadow="md">
      <Popover.Target>
        <Tooltip
          label={`${timeOf(item.at)} ${item.title} · ${where}`}
          multiline
          maw={320}
          openDelay={300}
          events={{ hover: true, focus: true, touch: false }}
          withinPortal
        >
          <UnstyledButton
            draggable={draggable}
            onDragStart={(event: DragEvent) => {
              event.dataTransfer.setData("text/x-variant", item.variantId);
              event.dataTransfer.effectAllowed = "move";
            }}
            data-testid="calendar-item"
            data-variant-id={item.variantId}
            data-status={item.status}
            aria-label={`${timeOf(item.at)} ${item.title}, ${where}, ${t(`posts.status.${item.status}`)}`}
            style={{
              display: "block",
              width: "100%",
              padding: "2px 6px",
              borderRadius: 4,
              borderLeft: `3px solid var(--mantine-color-${color}-6)`,
              background: `var(--mantine-color-${color}-light)`,
              cursor: draggable ? "grab" : "pointer",
              fontSize: 12,
              lineHeight: 1.35,
              overflow: "hidden",
              whiteSpace: props.compact ? "nowrap" : "normal",
              textOverflow: "ellipsis",
            }}
          >
            <PlatformIcon target={item.target} /> <b>{timeOf(item.at)}</b> {item.title}
            {!props.compact && (
              <Text component="span" display="block" size="10px" c="dimmed" truncate>
                {where}
              </Text>
            )}
          </UnstyledButton>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
            {item.title}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(item.at, i18n.language)} · {where}
          </Text>
          <Group gap={4}>
            <VariantStatusBadge status={item.status} />
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="default" component={Link} to={`/posts/${item.postId}`}>
              {t("posts.calendar.openPost")}
            </Button>
            {draggable && (
              <Button size="xs" onClick={() => props.onReschedule(item)} data-testid="calendar-reschedule">
                {t("posts.calendar.reschedule")}
              </Button>
            )}
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A drop target: a day in the month view or an hour of a day in the week view. */
export function DropCell(props: {
  onDropVariant: (variantId: string) => void;
  children: ReactNode;
  style?: CSSProperties;
  testId: string;
  label: string;
  day: string;
  hour?: number;
}) {
  const [over, setOver] = useState(false);
  return (
    <Box
      data-testid={props.testId}
      data-day={props.day}
      data-hour={props.hour}
      aria-label={props.label}
      onDragOver={(event: DragEvent) => {
        if (event.dataTransfer.types.includes("text/x-variant")) {
          event.preventDefault();
          event.dataTransfer.dropEffect = "move";
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event: DragEvent) => {
        event.preventDefault();
        setOver(false);
        const id = event.dataTransfer.getData("text/x-variant");
        if (id) {
          props.onDropVariant(id);
        }
      }}
      style={{
        ...props.style,
        background: over ? "var(--mantine-color-blue-light)" : props.style?.background,
        outline: over ? "2px dashed var(--mantine-color-blue-5)" : undefined,
      }}
    >
      {props.children}
    </Box>
  );
}

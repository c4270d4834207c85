import { Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { useId } from "react";

/** A canned reply or a person offered while typing "/…" or "@…". */
export interface Suggestion {
  id: string;
  title: string;
  /** "/chao" for a canned reply. */
  hint?: string;
  /** The text that will be inserted, shown so the officer knows what is sent. */
  detail?: string;
}

/**
 * The choices under the reply box; arrows and Enter work from the box itself (the focus stays in
 * it), a tap picks one. mousedown is stopped so the box does not lose its cursor position.
 */
export function SuggestionList(props: {
  label: string;
  items: Suggestion[];
  active: number;
  onPick: (item: Suggestion) => void;
}) {
  const id = useId();
  return (
    <Paper withBorder shadow="sm" p={4} data-testid="suggestions">
      <Text size="xs" c="dimmed" px={6} id={id}>
        {props.label}
      </Text>
      <Stack gap={2} role="listbox" aria-labelledby={id}>
        {props.items.map((item, index) => (
          <UnstyledButton
            key={item.id}
            role="option"
            aria-selected={index === props.active}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => props.onPick(item)}
            px={6}
            py={4}
            style={{
              borderRadius: 4,
              background: index === props.active ? "var(--mantine-color-blue-0)" : undefined,
            }}
          >
            <Text size="sm" fw={500}>
              {item.title}
              {item.hint && (
                <Text span size="xs" c="dimmed" ml={6}>
                  {item.hint}
                </Text>
              )}
            </Text>
            {item.detail && (
              <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
                {item.detail}
              </Text>
            )}
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}

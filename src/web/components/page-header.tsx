import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** The title of a page, a line of explanation, and its main actions (which wrap on a phone). */
export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" gap="sm" mb="md">
      <Stack gap={2} style={{ minWidth: 0, flex: "1 1 240px" }}>
        <Title order={2} style={{ overflowWrap: "anywhere" }}>
          {title}
        </Title>
        {subtitle && (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}

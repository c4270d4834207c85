import { Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** One labelled value on a detail page; long values (addresses, lists of units) wrap instead of widening it. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </Stack>
  );
}

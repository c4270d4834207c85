import { AppShell, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LoadingBlock } from "../../components/state-blocks.tsx";

/**
 * The signed-in frame as it paints before the session and the signed-in code have arrived: the same
 * header and menu column as AppLayout, with the menu's items as grey bars and the page saying it is
 * loading, so a slow phone never shows a blank screen (index.html draws the same frame before any
 * script has run).
 */
export function ShellPlaceholder() {
  const { t } = useTranslation();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: true } }}
      padding={{ base: "sm", sm: "lg" }}
    >
      <AppShell.Header>
        <Group h="100%" px="sm" gap={8} wrap="nowrap">
          {/* Where the menu button will be, so the name does not jump when it appears. */}
          <Skeleton hiddenFrom="sm" height={28} width={28} radius="sm" animate={false} />
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <Text fw={700} size="lg">
            {t("app.name")}
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-hidden>
        <Stack gap="sm" p="xs">
          {[70, 55, 80, 60, 65].map((width) => (
            <Skeleton key={width} height={20} width={`${width}%`} />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <LoadingBlock />
      </AppShell.Main>
    </AppShell>
  );
}

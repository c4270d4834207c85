import { Box, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/language-switch.tsx";
import { useDocumentTitle } from "../../components/page-header.tsx";

/** The frame of the pages one sees before signing in: brand, language switch, one card. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t("app.name")}`);
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Container size={440} px="md" py="lg">
        <Group justify="space-between" mb="xl" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <img src="/favicon.svg" alt="" width={36} height={36} style={{ flexShrink: 0 }} />
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={700} size="lg" lh={1.2}>
                {t("app.name")}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {t("app.tagline")}
              </Text>
            </Stack>
          </Group>
          <div style={{ flexShrink: 0 }}>
            <LanguageSwitch />
          </div>
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Title order={1} size="h3" mb="md">
            {title}
          </Title>
          <main>{children}</main>
        </Paper>
      </Container>
    </Box>
  );
}

import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Sets the browser tab's title while the page is shown. */
export function useDocumentTitle(text: string): void {
  useEffect(() => {
    document.title = text;
  }, [text]);
}

/** The title of a page, a line of explanation, and its main actions (which wrap on a phone). */
export function PageHeader({
  title,
  subtitle,
  actions,
  back,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** The list a detail page belongs to, linked above its title. */
  back?: { to: string; label: string };
}) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t("app.name")}`);
  const header = (
    <Group justify="space-between" align="flex-start" gap="sm" mb="md">
      <Stack gap={2} style={{ minWidth: 0, flex: "1 1 240px" }}>
        <Title order={1} size="h2" style={{ overflowWrap: "anywhere" }}>
          {title}
        </Title>
        {typeof subtitle === "string" ? (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        ) : (
          subtitle
        )}
      </Stack>
      {actions && (
        <Group gap="xs" maw="100%" data-page-actions="">
          {actions}
        </Group>
      )}
    </Group>
  );
  if (!back) {
    return header;
  }
  return (
    <>
      <Anchor component={Link} to={back.to} size="sm">
        ← {back.label}
      </Anchor>
      {header}
    </>
  );
}

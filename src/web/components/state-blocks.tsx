import { Alert, Button, Center, EmptyState, Group, Loader, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../i18n/format.ts";

/** A spinner with words, for a section that is loading. */
export function LoadingBlock({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label ?? t("common.loading")}</Text>
      </Group>
    </Center>
  );
}

/** A failed load, with the server's message in the current language and a retry button. */
export function ErrorBlock({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert color="red" title={title ?? t("errors.loadFailed")} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorText(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** A short inline error under a form, for failed submissions. */
export function FormError({ error }: { error: unknown }) {
  const errorText = useErrorText();
  if (!error) {
    return null;
  }
  return (
    <Alert color="red" variant="light" role="alert">
      {errorText(error)}
    </Alert>
  );
}

/** Nothing to show, said plainly, with an optional next step. */
export function EmptyBlock({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <EmptyState title={title} size="sm" py="lg">
      {children}
    </EmptyState>
  );
}

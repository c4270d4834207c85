import { Alert, Button, Center, EmptyState, Group, Loader, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../backend/client.ts";
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

/**
 * Whether asking again can succeed: the network, the server's own fault, a rate limit or a timeout.
 * A refusal (not found, a malformed address, no right) answers the same every time.
 */
function retryCanHelp(error: unknown): boolean {
  if (!(error instanceof ApiError)) {
    return true;
  }
  return error.status >= 500 || error.status === 429 || error.status === 408;
}

/**
 * A failed load, with the server's message in the current language; a retry button only when
 * retrying can help, and for something not found (a deleted object, an id that is not one) a way
 * back instead.
 */
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
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Alert
      color={notFound ? "gray" : "red"}
      title={title ?? (notFound ? t("errors.notFoundTitle") : t("errors.loadFailed"))}
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        {/* A 404 without our words (a proxy's) would otherwise say "Vui lòng thử lại". */}
        <Text size="sm">{notFound && !error.messages ? t("errors.notFoundBody") : errorText(error)}</Text>
        {onRetry && retryCanHelp(error) && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
        {notFound && (
          <Button size="xs" variant="light" color="gray" component={Link} to="/">
            {t("errors.goHome")}
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

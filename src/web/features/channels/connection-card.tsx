import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type ConnectablePlatform,
  type ConnectionState,
  connectionStateOf,
  isConnectable,
} from "../../../shared/connection-state.ts";
import { ApiError } from "../../backend/client.ts";
import { api, type ResponseOf } from "../../backend/typed-client.ts";
import type { Channel } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { ErrorBlock, FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { ConnectFlowResult, SignInConnect, useConnectFlow } from "./connect-flow.tsx";

type Connection = ResponseOf<"GET", "/api/channels/:id/connection">;
type TestAnswer = ResponseOf<"POST", "/api/channels/:id/connection/test">;

export const connectionStateColors: Record<ConnectionState, string> = {
  connected: "green",
  expiring: "yellow",
  expired: "red",
  refused: "red",
  not_connected: "gray",
};

/** A connection's state in words, coloured by how urgent it is. */
export function ConnectionStateBadge({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={connectionStateColors[state]}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0, overflow: "visible" }}
      data-testid="connection-state"
      data-state={state}
    >
      {t(`connections.state.${state}`)}
    </Badge>
  );
}

const connectionKey = (channelId: string) => ["channels", "connection", channelId] as const;

/** The channel's connection; null when it has none (the server answers 404). */
function useConnection(channelId: string, enabled: boolean) {
  return useQuery({
    queryKey: connectionKey(channelId),
    enabled,
    queryFn: async (): Promise<Connection | null> => {
      try {
        return await api("GET", "/api/channels/:id/connection", { params: { id: channelId } });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          return null;
        }
        throw error;
      }
    },
  });
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </Box>
  );
}

/**
 * A channel's link to its Facebook Page, Zalo OA or YouTube channel, on the channel's page: its
 * state and expiry, and (for those who manage the channel) connecting by pasting the token,
 * testing it against the platform, and disconnecting. Other platforms have no connection.
 */
export function ConnectionCard({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const platform = channel.platform;
  const connection = useConnection(channel.id, isConnectable(platform));
  const flow = useConnectFlow(channel.id, isConnectable(platform));
  const signIn = flow.data?.available ? flow.data.platform : null;
  const client = useQueryClient();
  const [dialog, setDialog] = useState<"connect" | "disconnect" | null>(null);
  const [tested, setTested] = useState<TestAnswer | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ["channels"] });
  const test = useMutation({
    mutationFn: () => api("POST", "/api/channels/:id/connection/test", { params: { id: channel.id } }),
    onSuccess: async (answer) => {
      setTested(answer);
      await refresh();
    },
  });
  const disconnect = useMutation({
    mutationFn: () => api("DELETE", "/api/channels/:id/connection", { params: { id: channel.id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("connections.disconnected") });
      setTested(null);
      setDialog(null);
      await refresh();
    },
  });
  if (!isConnectable(platform)) {
    return null;
  }

  let body: ReactNode;
  if (connection.isPending) {
    body = <LoadingBlock />;
  } else if (connection.isError) {
    body = <ErrorBlock error={connection.error} onRetry={() => void connection.refetch()} />;
  } else {
    const data = connection.data;
    const state = connectionStateOf(data);
    const language = i18n.language;
    body = (
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <ConnectionStateBadge state={state} />
          <Text size="sm" style={{ flex: "1 1 12rem" }}>
            {t(`connections.explain.${state}`)}
          </Text>
        </Group>
        {data && (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Fact label={t("connections.accountShort")}>{data.accountId ?? t("common.none")}</Fact>
            <Fact label={t("connections.expires")}>
              <span data-testid="connection-expires">
                {data.renewsItself
                  ? t("connections.renewsItself")
                  : data.tokenExpiresAt
                    ? formatDateTime(data.tokenExpiresAt, language)
                    : t("connections.noExpiry")}
              </span>
            </Fact>
            <Fact label={t("connections.updated")}>{formatDateTime(data.updatedAt, language)}</Fact>
          </SimpleGrid>
        )}
        {tested && (
          <Alert
            color={tested.result === "ok" ? "green" : tested.result === "unreachable" ? "yellow" : "red"}
            variant="light"
            role="status"
            data-testid="connection-test-result"
            data-result={tested.result}
          >
            <Text size="sm">
              {tested.result === "ok" && tested.accountName
                ? t("connections.result.okNamed", { name: tested.accountName })
                : t(`connections.result.${tested.result}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t("connections.testedAt", { time: formatDateTime(tested.testedAt, language) })}
            </Text>
          </Alert>
        )}
        <FormError error={test.error} />
        {signIn && <SignInConnect channel={channel} platform={signIn} />}
        {signIn && (
          <Text size="xs" c="dimmed">
            {t("connections.pasteIntro")}
          </Text>
        )}
        <Group gap="xs">
          <Button
            onClick={() => setDialog("connect")}
            data-testid="connection-connect"
            variant={signIn ? "default" : "filled"}
          >
            {signIn ? t("connections.paste") : data ? t("connections.reconnect") : t("connections.connect")}
          </Button>
          {data && (
            <Button
              variant="default"
              onClick={() => test.mutate()}
              loading={test.isPending}
              data-testid="connection-test"
            >
              {t("connections.test")}
            </Button>
          )}
          {data && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                disconnect.reset();
                setDialog("disconnect");
              }}
              data-testid="connection-disconnect"
            >
              {t("connections.disconnect")}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" data-testid="connection-card">
      <Title order={2} size="h4" mb="sm">
        {t("connections.title")}
      </Title>
      <ConnectFlowResult channel={channel} />
      {body}
      {dialog === "connect" && (
        <ConnectDialog
          channel={channel}
          platform={platform}
          accountId={connection.data?.accountId ?? null}
          onClose={() => setDialog(null)}
          onSaved={async () => {
            setTested(null);
            setDialog(null);
            await refresh();
          }}
        />
      )}
      <ConfirmDialog
        opened={dialog === "disconnect"}
        title={t("connections.disconnectTitle", { name: channel.displayName })}
        confirmLabel={t("connections.disconnect")}
        loading={disconnect.isPending}
        error={disconnect.error}
        onConfirm={() => disconnect.mutate()}
        onClose={() => setDialog(null)}
      >
        <Text size="sm">{t("connections.disconnectExplain")}</Text>
      </ConfirmDialog>
    </Paper>
  );
}

/** Zalo's documented access-token lifetime (expires_in 90000 s): the expiry is known when the token is pasted. */
const ZALO_TOKEN_SECONDS = 90_000;

/** Pasting a token (and the account's id where the platform needs it); the server checks and seals it. */
function ConnectDialog(props: {
  channel: Channel;
  platform: ConnectablePlatform;
  accountId: string | null;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { platform } = props;
  const [token, setToken] = useState("");
  const [accountId, setAccountId] = useState(props.accountId ?? "");
  const [refreshToken, setRefreshToken] = useState("");
  const [appId, setAppId] = useState("");
  const [appSecret, setAppSecret] = useState("");
  const [checked, setChecked] = useState(false);
  const accountRequired = platform !== "zalo_oa";
  const renewal = platform === "zalo_oa" && refreshToken.trim() && appId.trim() && appSecret.trim();
  const save = useMutation({
    mutationFn: () =>
      api("PUT", "/api/channels/:id/connection", {
        params: { id: props.channel.id },
        body: {
          token: token.trim(),
          accountId: accountId.trim() || null,
          ...(platform === "zalo_oa"
            ? { tokenExpiresAt: new Date(Date.now() + ZALO_TOKEN_SECONDS * 1000).toISOString() }
            : {}),
          ...(renewal
            ? { refreshToken: refreshToken.trim(), appId: appId.trim(), appSecret: appSecret.trim() }
            : {}),
        },
      }),
    onSuccess: async () => {
      notifications.show({
        color: "green",
        message: t("connections.saved", { name: props.channel.displayName }),
      });
      await props.onSaved();
    },
  });
  const tokenMissing = !token.trim();
  const accountMissing = accountRequired && !accountId.trim();
  return (
    <FormDialog
      opened
      onClose={props.onClose}
      title={t("connections.dialogTitle", { name: props.channel.displayName })}
      onSubmit={() => {
        setChecked(true);
        if (!tokenMissing && !accountMissing) {
          save.mutate();
        }
      }}
      submitLabel={t("connections.save")}
      submitTestId="connection-save"
      loading={save.isPending}
      error={save.error}
    >
      <Text size="sm">{t(`connections.how.${platform}`)}</Text>
      <TextInput
        label={t(`connections.account.${platform}`)}
        required={accountRequired}
        value={accountId}
        onChange={(event) => setAccountId(event.currentTarget.value)}
        error={
          checked && accountMissing ? t("forms.fill", { field: t("connections.fieldAccount") }) : undefined
        }
        autoComplete="off"
        data-testid="connection-account"
      />
      <PasswordInput
        label={platform === "youtube" ? t("connections.tokenYoutube") : t("connections.token")}
        description={t("connections.tokenHint")}
        required
        value={token}
        onChange={(event) => setToken(event.currentTarget.value)}
        error={checked && tokenMissing ? t("forms.fill", { field: t("connections.fieldToken") }) : undefined}
        autoComplete="off"
        data-testid="connection-token"
      />
      {platform === "zalo_oa" && (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t("connections.renewal")}
          </Text>
          <PasswordInput
            label={t("connections.refreshToken")}
            value={refreshToken}
            onChange={(event) => setRefreshToken(event.currentTarget.value)}
            autoComplete="off"
          />
          <TextInput
            label={t("connections.appId")}
            value={appId}
            onChange={(event) => setAppId(event.currentTarget.value)}
            autoComplete="off"
          />
          <PasswordInput
            label={t("connections.appSecret")}
            value={appSecret}
            onChange={(event) => setAppSecret(event.currentTarget.value)}
            autoComplete="off"
          />
        </Stack>
      )}
    </FormDialog>
  );
}

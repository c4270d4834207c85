import { Alert, Button, Radio, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import type { Channel } from "../../backend/types.ts";
import { FormError } from "../../components/state-blocks.tsx";
import { useErrorText } from "../../i18n/format.ts";

/*
 * "Kết nối bằng Facebook / Zalo" on a channel's page: the button (shown only when the server is
 * set up for the platform's sign-in), the outcome the server sends the browser back with
 * (`?ket-noi=<reason>`, shown once), and the chooser when several Facebook Pages were granted
 * (`?ket-noi=choose&chon=<one-time token>`).
 */

const flowKey = (channelId: string) => ["channels", "connection-flow", channelId] as const;

/** Whether the channel can be connected by signing in; null while unknown or for YouTube. */
export function useConnectFlow(channelId: string, enabled: boolean) {
  return useQuery({
    queryKey: flowKey(channelId),
    enabled,
    queryFn: () => api("GET", "/api/channels/:id/connection/flow", { params: { id: channelId } }),
  });
}

/** The sign-in button and its one line; sends the browser to the platform. */
export function SignInConnect({
  channel,
  platform,
}: {
  channel: Channel;
  platform: "facebook_page" | "zalo_oa";
}) {
  const { t } = useTranslation();
  const start = useMutation({
    mutationFn: () => api("POST", "/api/channels/:id/connection/flow", { params: { id: channel.id } }),
    onSuccess: (answer) => {
      window.location.assign(answer.authorizeUrl);
    },
  });
  return (
    <Stack gap={4}>
      <Button
        onClick={() => start.mutate()}
        loading={start.isPending || start.isSuccess}
        data-testid="connection-sign-in"
        style={{ alignSelf: "flex-start" }}
      >
        {t(`connections.signIn.${platform}`)}
      </Button>
      <Text size="xs" c="dimmed">
        {t(`connections.signInExplain.${platform}`)}
      </Text>
      <FormError error={start.error} />
    </Stack>
  );
}

const goodReasons = new Set(["ok", "choose"]);

/** The outcome of a sign-in, read once from the address and then taken off it. */
export function ConnectFlowResult({ channel }: { channel?: Channel }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [shown, setShown] = useState<{ reason: string; missing: string; choice: string } | null>(null);
  const reason = params.get("ket-noi");
  useEffect(() => {
    if (!reason) {
      return;
    }
    setShown({ reason, missing: params.get("thieu") ?? "", choice: params.get("chon") ?? "" });
    const rest = new URLSearchParams(params);
    for (const name of ["ket-noi", "thieu", "chon"]) {
      rest.delete(name);
    }
    setParams(rest, { replace: true });
  }, [reason, params, setParams]);
  if (!shown) {
    return null;
  }
  if (shown.reason === "choose" && channel && shown.choice) {
    return <PageChooser channel={channel} choice={shown.choice} onDone={() => setShown(null)} />;
  }
  const known = t(`connections.flowResult.${shown.reason}`, { defaultValue: "" });
  return (
    <Alert
      color={goodReasons.has(shown.reason) ? "green" : shown.reason === "denied" ? "yellow" : "red"}
      variant="light"
      mb="sm"
      role="status"
      withCloseButton
      closeButtonLabel={t("common.close")}
      onClose={() => setShown(null)}
      data-testid="connection-flow-result"
      data-reason={shown.reason}
    >
      <Text size="sm">
        {known || t("connections.flowResult.failed")}
        {shown.reason === "permissions_missing" && shown.missing
          ? ` (${shown.missing.split(",").join(", ")})`
          : ""}
      </Text>
    </Alert>
  );
}

/** Several Pages were granted: the person picks the channel's by name. */
function PageChooser({ channel, choice, onDone }: { channel: Channel; choice: string; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [pageId, setPageId] = useState("");
  const pages = useQuery({
    queryKey: ["channels", "connection-flow-pages", channel.id, choice],
    queryFn: () =>
      api("GET", "/api/channels/:id/connection/flow/pages", {
        params: { id: channel.id },
        query: { choice },
      }),
    retry: false,
  });
  const choose = useMutation({
    mutationFn: () =>
      api("POST", "/api/channels/:id/connection/flow/pages", {
        params: { id: channel.id },
        body: { choice, pageId },
      }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("connections.saved", { name: channel.displayName }) });
      onDone();
      await client.invalidateQueries({ queryKey: ["channels"] });
    },
  });
  if (pages.isError) {
    // A spent, expired or unknown choice (an address played back from the history): there is nothing
    // to choose, so no "choose a Page" and no button; only why, and the way on, like a flow's outcome.
    return (
      <Alert
        color="red"
        variant="light"
        mb="sm"
        role="alert"
        withCloseButton
        closeButtonLabel={t("common.close")}
        onClose={onDone}
        data-testid="connection-page-chooser"
        data-state="refused"
      >
        <Text size="sm">{errorText(pages.error)}</Text>
      </Alert>
    );
  }
  return (
    <Alert
      color="blue"
      variant="light"
      mb="sm"
      data-testid="connection-page-chooser"
      title={t("connections.chooseTitle")}
    >
      <Stack gap="sm">
        <Text size="sm">{t("connections.chooseIntro")}</Text>
        {pages.data && (
          <Radio.Group value={pageId} onChange={setPageId} aria-label={t("connections.chooseTitle")}>
            <Stack gap="xs">
              {pages.data.items.map((page) => (
                <Radio key={page.id} value={page.id} label={page.name} description={page.id} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <FormError error={choose.error} />
        <Button
          onClick={() => choose.mutate()}
          disabled={!pageId}
          loading={choose.isPending}
          style={{ alignSelf: "flex-start" }}
          data-testid="connection-choose"
        >
          {t("connections.chooseSubmit")}
        </Button>
      </Stack>
    </Alert>
  );
}

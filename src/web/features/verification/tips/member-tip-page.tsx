import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Input,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type ResponseOf } from "../../../backend/typed-client.ts";
import { useFirstInvalidField } from "../../../components/invalid-field.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { PaginationBar } from "../../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, FormError, LoadingBlock } from "../../../components/state-blocks.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { sendMemberTip, tipFormLimits } from "./tip-api.ts";

type MyTip = ResponseOf<"GET", "/api/tips/mine">["items"][number];

const pageSize = 20;
const megabytes = tipFormLimits.imageBytes / 1024 / 1024;
const statusColors: Record<MyTip["status"], string> = {
  received: "gray",
  checking: "yellow",
  answered: "green",
};
const labelColors: Record<NonNullable<MyTip["verdict"]>["label"], string> = {
  fake: "red",
  false: "red",
  true: "green",
};

/** "Báo tin cần xác minh": a member sends a tip to their unit's desk and follows their tips. */
export default function MemberTipPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [url, setUrl] = useState("");
  const [text, setText] = useState("");
  const [images, setImages] = useState<File[]>([]);
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const [page, setPage] = useState(1);
  const mine = useQuery({
    queryKey: ["tips", "mine", page],
    queryFn: () => api("GET", "/api/tips/mine", { query: { page, pageSize } }),
  });

  const oversized = images.find((image) => image.size > tipFormLimits.imageBytes);
  const empty = !url.trim() && !text.trim();
  const send = useMutation({
    mutationFn: () => sendMemberTip({ url: url.trim(), text: text.trim(), images }),
    onSuccess: async ({ trackingCode }) => {
      notifications.show({
        color: "green",
        message: t("verification.tips.sent", { code: trackingCode }),
        closeButtonProps: { "aria-label": t("common.close") },
      });
      setUrl("");
      setText("");
      setImages([]);
      setTried(false);
      setPage(1);
      await client.invalidateQueries({ queryKey: ["tips", "mine"] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!empty && !oversized) {
      send.mutate();
    }
    invalid.afterSubmit();
  };

  return (
    <>
      <PageHeader title={t("verification.tips.title")} subtitle={t("verification.tips.subtitle")} />
      <Paper withBorder p="md" mb="lg">
        <form ref={invalid.formRef} noValidate onSubmit={submit}>
          <Stack gap="sm">
            <TextInput
              label={t("verification.tips.url")}
              description={t("verification.tips.urlHint")}
              inputMode="url"
              autoComplete="off"
              maxLength={2000}
              value={url}
              onChange={(event) => setUrl(event.currentTarget.value)}
              error={tried && empty ? t("verification.tips.needUrlOrText") : undefined}
            />
            <Textarea
              label={t("verification.tips.text")}
              description={t("verification.tips.textHint", {
                max: tipFormLimits.textChars,
              })}
              autosize
              minRows={4}
              maxLength={tipFormLimits.textChars}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              error={tried && empty ? t("verification.tips.needUrlOrText") : undefined}
            />
            <Input.Wrapper
              labelElement="div"
              label={t("verification.tips.images")}
              description={t("verification.tips.imagesHint", { max: tipFormLimits.images, mb: megabytes })}
              id="tip-images"
            >
              <Stack gap={4} mt={4}>
                {images.map((image, index) => (
                  <Group key={`${image.name}-${image.size}-${image.lastModified}`} gap="xs" wrap="nowrap">
                    <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere" }}>
                      {image.name}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t("verification.tips.removeImage", { name: image.name })}
                      disabled={send.isPending}
                      onClick={() => setImages((current) => current.filter((_, i) => i !== index))}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {oversized && (
                  <Text size="sm" c="red" role="alert">
                    {t("verification.tips.imageTooLarge", { name: oversized.name, mb: megabytes })}
                  </Text>
                )}
                <FileButton
                  accept="image/jpeg,image/png,image/webp,image/gif"
                  multiple
                  onChange={(files) =>
                    setImages((current) => [...current, ...files].slice(0, tipFormLimits.images))
                  }
                >
                  {(props) => (
                    <Button
                      variant="default"
                      {...props}
                      aria-describedby="tip-images-description"
                      disabled={images.length >= tipFormLimits.images || send.isPending}
                      style={{ alignSelf: "flex-start" }}
                    >
                      {t("verification.tips.addImages")}
                    </Button>
                  )}
                </FileButton>
              </Stack>
            </Input.Wrapper>
            <Group>
              <Button type="submit" loading={send.isPending}>
                {t("verification.tips.send")}
              </Button>
            </Group>
            <FormError error={send.error} />
          </Stack>
        </form>
      </Paper>

      <Title order={2} size="h4" mb="sm">
        {t("verification.tips.mineTitle")}
      </Title>
      {mine.isPending && <LoadingBlock />}
      {mine.error && <ErrorBlock error={mine.error} onRetry={() => mine.refetch()} />}
      {mine.data && mine.data.total === 0 && (
        <EmptyBlock title={t("verification.tips.empty")}>{t("verification.tips.emptyHint")}</EmptyBlock>
      )}
      <Stack gap="sm">
        {mine.data?.items.map((tip) => (
          <TipCard key={tip.trackingCode} tip={tip} />
        ))}
      </Stack>
      {mine.data && (mine.data.total > pageSize || page > 1) && (
        <PaginationBar page={mine.data.page} pageSize={pageSize} total={mine.data.total} onChange={setPage} />
      )}
    </>
  );
}

function TipCard({ tip }: { tip: MyTip }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid="my-tip">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={700} ff="monospace" aria-label={`${t("verification.tips.code")}: ${tip.trackingCode}`}>
            {tip.trackingCode}
          </Text>
          <Badge color={statusColors[tip.status]} variant="light" tt="none" style={{ flexShrink: 0 }}>
            {t(`verification.tips.status.${tip.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t("verification.tips.sentAt", { time: formatDateTime(tip.receivedAt, i18n.language) })}
          {tip.imageCount > 0 ? ` · ${t("verification.tips.imageCount", { count: tip.imageCount })}` : ""}
        </Text>
        {tip.url && (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {tip.url}
          </Text>
        )}
        {tip.excerpt && (
          <Text size="sm" lineClamp={3} style={{ whiteSpace: "pre-line" }}>
            {tip.excerpt}
          </Text>
        )}
        {tip.verdict && (
          <Group gap="xs">
            <Badge color={labelColors[tip.verdict.label]} tt="none">
              {t("verification.tips.verdict", { label: t(`verification.tips.label.${tip.verdict.label}`) })}
            </Badge>
            <Anchor href={tip.verdict.url} target="_blank" rel="noopener noreferrer" size="sm">
              {t("verification.tips.readCorrection")}
            </Anchor>
          </Group>
        )}
        {tip.closedWithoutVerdict && (
          <Text size="sm" c="dimmed">
            {t("verification.tips.closedWithoutVerdict")}
          </Text>
        )}
        <Anchor href={`/bao-tin/${tip.trackingCode}`} size="sm">
          {t("verification.tips.statusPage")}
        </Anchor>
      </Stack>
    </Card>
  );
}

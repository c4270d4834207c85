import { Button, Card, Checkbox, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorBlock, FormError } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { currentLanguage } from "../../i18n/index.ts";
import { advocacyKeys, fetchConsent, saveConsent } from "./advocacy-api.ts";

/**
 * Consent to be named in campaigns' individual rankings: the purpose shown, nothing ticked in
 * advance, and a way back at any time. Without it the member's shares count for their unit only.
 */
export function RankingConsentCard() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [agreed, setAgreed] = useState(false);
  const consent = useQuery({ queryKey: advocacyKeys.consent, queryFn: fetchConsent });
  const save = useMutation({
    mutationFn: (optIn: boolean) =>
      saveConsent({
        optIn,
        purposeVersion: optIn ? consent.data?.purpose.version : undefined,
        locale: currentLanguage(),
      }),
    onSuccess: (result) => {
      client.setQueryData(advocacyKeys.consent, result);
      setAgreed(false);
      notifications.show({
        color: "green",
        message: result.optedIn ? t("advocacy.consent.given") : t("advocacy.consent.withdrawn"),
      });
    },
  });

  if (consent.isPending) {
    return null;
  }
  if (consent.isError) {
    return <ErrorBlock error={consent.error} onRetry={() => void consent.refetch()} />;
  }
  const { purpose, optedIn, consentedAt } = consent.data;
  return (
    <Card withBorder padding="sm" radius="md" data-testid="ranking-consent">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t("advocacy.consent.title")}
        </Title>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="ranking-purpose">
          {i18n.language === "en" ? purpose.en : purpose.vi}
        </Text>
        {optedIn ? (
          <>
            <Text size="sm" c="green.8">
              {t("advocacy.consent.optedIn", { time: formatDateTime(consentedAt, i18n.language) })}
            </Text>
            <Button
              variant="default"
              size="sm"
              loading={save.isPending}
              onClick={() => save.mutate(false)}
              style={{ alignSelf: "flex-start" }}
            >
              {t("advocacy.consent.withdraw")}
            </Button>
          </>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t("advocacy.consent.notNamed")}
            </Text>
            <Checkbox
              checked={agreed}
              onChange={(event) => setAgreed(event.currentTarget.checked)}
              label={t("advocacy.consent.agree")}
              data-testid="ranking-agree"
            />
            <Button
              size="sm"
              disabled={!agreed}
              loading={save.isPending}
              onClick={() => save.mutate(true)}
              style={{ alignSelf: "flex-start" }}
            >
              {t("advocacy.consent.save")}
            </Button>
          </>
        )}
        <Text size="xs" c="dimmed">
          {t("advocacy.consent.anyTime")}
        </Text>
        <FormError error={save.error} />
      </Stack>
    </Card>
  );
}

import { Accordion, Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiTokenRoles } from "../../../shared/organisation.ts";
import { can, useSignedInSession } from "../../backend/session.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { RankingConsentCard } from "../advocacy/ranking-consent-card.tsx";
import { fetchUnit } from "../units/unit-queries.ts";
import { PasswordCard } from "./password-card.tsx";
import { RolePoliciesCard } from "./role-policies-card.tsx";
import { TokensCard } from "./tokens-card.tsx";
import { TotpCard } from "./totp-card.tsx";

/**
 * API tokens are for people who connect other software to the platform (administrators, editors
 * syncing reports or publishing tools); everyone else never needs them, so they are not shown.
 */

/** Who I am and my roles, my password, two-factor, API tokens (advanced), and (for administrators) sign-in rules. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const locked = session.security.totpSetupRequired;
  const usesApi = session.grants.some((grant) => apiTokenRoles.includes(grant.role));
  // Role grants carry only unit ids; look the names up (not possible while 2FA setup is pending).
  const units = useQueries({
    queries: session.grants.map((grant) => ({
      queryKey: ["units", "detail", grant.unitId],
      queryFn: () => fetchUnit(grant.unitId),
      // Members do not read the unit tree: their roles show without the unit's name.
      enabled: !locked && can(session, "units.read", grant.unitPath),
      staleTime: 5 * 60_000,
    })),
  });

  return (
    <>
      <PageHeader title={t("profile.title")} />
      <Stack gap="md">
        {locked && (
          <Alert color="orange" title={t("profile.totpRequiredTitle")} role="alert">
            {t("profile.totpRequiredBody")}
          </Alert>
        )}
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t("profile.account")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("people.fields.fullName")}
              </Text>
              <Text>{session.person.fullName}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("people.fields.email")}
              </Text>
              <Text style={{ overflowWrap: "anywhere" }}>{session.person.email ?? t("common.none")}</Text>
            </div>
          </SimpleGrid>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
            {t("profile.roles")}
          </Text>
          <Group gap="xs" mt={4}>
            {session.grants.length === 0 && <Text size="sm">{t("people.roles.none")}</Text>}
            {session.grants.map((grant, index) => (
              <Badge key={`${grant.role}-${grant.unitId}`} variant="light" size="lg" radius="sm" tt="none">
                {t(`people.role.${grant.role}`)}
                {units[index]?.data ? ` · ${units[index].data.name}` : ""}
              </Badge>
            ))}
          </Group>
        </Paper>
        {!locked && (
          <div id="xep-hang">
            <RankingConsentCard />
          </div>
        )}
        <TotpCard />
        <PasswordCard withApiTokens={usesApi} />
        {!locked && usesApi && (
          <Accordion variant="contained" data-testid="profile-advanced">
            <Accordion.Item value="advanced">
              <Accordion.Control>
                <Text fw={600}>{t("home.advanced.title")}</Text>
                <Text size="sm" c="dimmed">
                  {t("home.advanced.hint")}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <TokensCard />
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
        {!locked && can(session, "settings.manage") && <RolePoliciesCard />}
      </Stack>
    </>
  );
}

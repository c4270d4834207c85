import {
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  Paper,
  PinInput,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import qrcode from "qrcode-generator";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { sessionQueryKey, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { InvalidFieldNotice, useFirstInvalidField } from "../../components/invalid-field.tsx";
import { FormError } from "../../components/state-blocks.tsx";

/** The otpauth URI as a QR code image (a data URL, allowed by the server's CSP). */
function QrCode({ value, alt }: { value: string; alt: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, "M");
    qr.addData(value);
    qr.make();
    return qr.createDataURL(5, 4);
  }, [value]);
  return <Image src={src} alt={alt} w={200} h={200} style={{ imageRendering: "pixelated" }} />;
}

/** Six-digit code entry that submits itself once complete. */
function CodeEntry(props: {
  onSubmit: (code: string) => void;
  loading: boolean;
  label: string;
  submitLabel: string;
  color?: string;
}) {
  const [code, setCode] = useState("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const short = tried && code.length < 6;
  return (
    <form
      ref={invalid.formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (/^\d{6}$/.test(code)) {
          props.onSubmit(code);
        }
        invalid.afterSubmit();
      }}
      onChange={invalid.afterInput}
    >
      <Stack gap="xs">
        <Group gap="sm" align="center">
          <PinInput
            length={6}
            type="number"
            oneTimeCode
            value={code}
            onChange={setCode}
            aria-label={props.label}
            // Each box is read by this name (Mantine's own would be "PinInput").
            ariaLabel={props.label}
            error={short}
            // Only the empty boxes count as the field to fix, so the focus lands on the first digit missing.
            getInputProps={(index) => ({ "aria-invalid": short && !code[index] })}
            size="sm"
            gap={6}
          />
          <Button type="submit" loading={props.loading} color={props.color}>
            {props.submitLabel}
          </Button>
        </Group>
        <InvalidFieldNotice message={invalid.message} />
      </Stack>
    </form>
  );
}

/** Turn two-factor sign-in on (QR code + confirmation code) or off. */
export function TotpCard() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const client = useQueryClient();
  const enabled = session.security.totpEnabled;
  const refreshSession = () => client.invalidateQueries({ queryKey: sessionQueryKey });
  const setup = useMutation({
    mutationFn: () => api("POST", "/api/auth/totp/setup"),
  });
  const confirm = useMutation({
    mutationFn: (code: string) => api("POST", "/api/auth/totp/confirm", { body: { code } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("profile.totp.enabled") });
      setup.reset();
      await refreshSession();
    },
  });
  const disable = useMutation({
    mutationFn: (code: string) => api("POST", "/api/auth/totp/disable", { body: { code } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("profile.totp.disabled") });
      await refreshSession();
    },
  });
  const requiredBy = session.security.totpRequiredBy.map((role) =>
    t(`people.role.${role}`, { defaultValue: role }),
  );

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t("profile.totp.title")}
        </Title>
        <Badge color={enabled ? "green" : "gray"} variant="light" tt="none">
          {enabled ? t("profile.totp.on") : t("profile.totp.off")}
        </Badge>
      </Group>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("profile.totp.intro")}
        </Text>
        {requiredBy.length > 0 && (
          <Text size="sm">{t("profile.totp.requiredBy", { roles: requiredBy.join(", ") })}</Text>
        )}
        {enabled ? (
          <>
            <Text size="sm">{t("profile.totp.disableHint")}</Text>
            <CodeEntry
              label={t("auth.totpCode")}
              submitLabel={t("profile.totp.disable")}
              color="red"
              loading={disable.isPending}
              onSubmit={(code) => disable.mutate(code)}
            />
            <FormError error={disable.error} />
          </>
        ) : setup.data ? (
          <>
            <Text size="sm">{t("profile.totp.step1")}</Text>
            <QrCode value={setup.data.uri} alt={t("profile.totp.qrAlt")} />
            <Group gap="xs" wrap="wrap">
              <Text size="sm">{t("profile.totp.secret")}:</Text>
              <Code style={{ overflowWrap: "anywhere" }}>{setup.data.secret}</Code>
              <CopyButton value={setup.data.secret}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="light" onClick={copy}>
                    {copied ? t("common.copied") : t("common.copy")}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm">{t("profile.totp.step2")}</Text>
            <CodeEntry
              label={t("auth.totpCode")}
              submitLabel={t("profile.totp.confirm")}
              loading={confirm.isPending}
              onSubmit={(code) => confirm.mutate(code)}
            />
            <FormError error={confirm.error} />
          </>
        ) : (
          <>
            <Group>
              <Button loading={setup.isPending} onClick={() => setup.mutate()}>
                {t("profile.totp.start")}
              </Button>
            </Group>
            <FormError error={setup.error} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

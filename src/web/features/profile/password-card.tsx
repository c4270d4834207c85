import { Button, Checkbox, Group, Paper, PasswordInput, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/typed-client.ts";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../components/invalid-field.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { NewPasswordFields, newPasswordProblem } from "../auth/new-password-fields.tsx";

/** Change one's own password (the server signs out one's other sessions); revoking one's API tokens with it is offered to those who use the API. */
export function PasswordCard({ withApiTokens }: { withApiTokens: boolean }) {
  const { t } = useTranslation();
  const missing = useMissingField();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [revokeApiTokens, setRevokeApiTokens] = useState(false);
  const [repeat, setRepeat] = useState("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const change = useMutation({
    mutationFn: () =>
      api("POST", "/api/auth/password", {
        body: { currentPassword: current, newPassword: password, revokeApiTokens },
      }),
    onSuccess: (result) => {
      notifications.show({ color: "green", message: t("profile.password.done") });
      if (result.revokedApiTokens > 0) {
        notifications.show({ message: t("auth.resetRevokedTokens", { count: result.revokedApiTokens }) });
      }
      setRevokeApiTokens(false);
      setCurrent("");
      setPassword("");
      setRepeat("");
      setTried(false);
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("profile.password.title")}
      </Title>
      <form
        ref={invalid.formRef}
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setTried(true);
          if (current && !newPasswordProblem(password, repeat, t)) {
            change.mutate();
          }
          invalid.afterSubmit();
        }}
        onChange={invalid.afterInput}
      >
        <Stack gap="sm" maw={420}>
          <PasswordInput
            label={t("profile.password.current")}
            autoComplete="current-password"
            required
            error={tried && !current ? missing.fill(t("profile.password.current")) : undefined}
            // Mantine's PasswordInput leaves aria-invalid off its input; the focus on a refused submit needs it.
            aria-invalid={tried && !current}
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
          />
          <NewPasswordFields
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            showErrors={tried}
          />
          {withApiTokens && (
            <Checkbox
              label={t("profile.password.revokeTokens")}
              checked={revokeApiTokens}
              onChange={(event) => setRevokeApiTokens(event.currentTarget.checked)}
            />
          )}
          <InvalidFieldNotice message={invalid.message} />
          <FormError error={change.error} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t("profile.password.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Alert, Anchor, Button, Checkbox, Stack } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import { InvalidFieldNotice, useFirstInvalidField } from "../../components/invalid-field.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { NewPasswordFields, newPasswordProblem } from "./new-password-fields.tsx";
import { PublicLayout } from "./public-layout.tsx";

/** The page the reset e-mail links to: `/reset-password?token=…`. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  // Ticked by default: whoever knew the old password may have made tokens with it.
  const [revokeApiTokens, setRevokeApiTokens] = useState(true);
  const complete = useMutation({
    mutationFn: () =>
      api("POST", "/api/auth/password-reset/complete", {
        body: { token, newPassword: password, revokeApiTokens },
      }),
  });

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" role="alert">
        {t("auth.resetMissingToken")}
      </Alert>
    );
  } else if (complete.isSuccess) {
    body = (
      <Alert color="green" role="status">
        {t("auth.resetDone")}
        {complete.data.revokedApiTokens > 0 &&
          ` ${t("auth.resetRevokedTokens", { count: complete.data.revokedApiTokens })}`}
      </Alert>
    );
  } else {
    body = (
      <form
        ref={invalid.formRef}
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setTried(true);
          if (!newPasswordProblem(password, repeat, t)) {
            complete.mutate();
          }
          invalid.afterSubmit();
        }}
        onChange={invalid.afterInput}
      >
        <Stack>
          <NewPasswordFields
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            showErrors={tried}
          />
          <Checkbox
            label={t("auth.resetRevokeTokens")}
            checked={revokeApiTokens}
            onChange={(event) => setRevokeApiTokens(event.currentTarget.checked)}
          />
          <InvalidFieldNotice message={invalid.message} />
          <FormError error={complete.error} />
          <Button type="submit" loading={complete.isPending} fullWidth>
            {t("auth.setPassword")}
          </Button>
        </Stack>
      </form>
    );
  }
  return (
    <PublicLayout title={t("auth.resetTitle")}>
      <Stack>
        {body}
        <Anchor component={Link} to={token ? "/sign-in" : "/forgot-password"} size="sm" ta="center">
          {token ? t("auth.backToSignIn") : t("auth.forgotTitle")}
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}

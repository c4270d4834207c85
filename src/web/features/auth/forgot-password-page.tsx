import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../backend/typed-client.ts";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../components/invalid-field.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { PublicLayout } from "./public-layout.tsx";

/** Asks for a reset link; the answer is the same whether or not the e-mail has an account. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const missing = useMissingField();
  const [email, setEmail] = useState("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const emailProblem = !email.trim()
    ? missing.fill(t("auth.email"))
    : !/^[^\s@]+@[^\s@]+$/.test(email.trim())
      ? t("people.form.emailInvalid")
      : null;
  const request = useMutation({
    mutationFn: () => api("POST", "/api/auth/password-reset", { body: { email } }),
  });
  return (
    <PublicLayout title={t("auth.forgotTitle")}>
      <form
        ref={invalid.formRef}
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setTried(true);
          if (!emailProblem) {
            request.mutate();
          }
          invalid.afterSubmit();
        }}
        onChange={invalid.afterInput}
      >
        <Stack>
          {request.isSuccess ? (
            <Alert color="green" role="status">
              {t("auth.linkSent")}
            </Alert>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {t("auth.forgotHint")}
              </Text>
              <TextInput
                label={t("auth.email")}
                type="email"
                autoComplete="email"
                required
                value={email}
                error={tried ? emailProblem : undefined}
                onChange={(event) => setEmail(event.currentTarget.value)}
              />
              <InvalidFieldNotice message={invalid.message} />
              <FormError error={request.error} />
              <Button type="submit" loading={request.isPending} fullWidth>
                {t("auth.sendLink")}
              </Button>
            </>
          )}
          <Anchor component={Link} to="/sign-in" size="sm" ta="center">
            {t("auth.backToSignIn")}
          </Anchor>
        </Stack>
      </form>
    </PublicLayout>
  );
}

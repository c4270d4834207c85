import { Alert, Anchor, Button, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import { FormError } from "../../components/state-blocks.tsx";
import { PublicLayout } from "./public-layout.tsx";

/**
 * The page the confirmation e-mail links to: `/confirm-email?token=…`. Confirming takes a press of the
 * button, not the page load, so a mail program that opens links to check them confirms nothing.
 */
export default function ConfirmEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const confirm = useMutation({
    mutationFn: () => api("POST", "/api/auth/email-change/confirm", { body: { token } }),
  });

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" role="alert">
        {t("auth.confirmEmailMissingToken")}
      </Alert>
    );
  } else if (confirm.isSuccess) {
    body = (
      <Alert color="green" role="status">
        {t("auth.confirmEmailDone", { email: confirm.data.email })}
      </Alert>
    );
  } else {
    body = (
      <>
        <Text size="sm">{t("auth.confirmEmailExplain")}</Text>
        <FormError error={confirm.error} />
        <Button loading={confirm.isPending} onClick={() => confirm.mutate()} fullWidth>
          {t("auth.confirmEmailButton")}
        </Button>
      </>
    );
  }
  return (
    <PublicLayout title={t("auth.confirmEmailTitle")}>
      <Stack>
        {body}
        <Anchor component={Link} to="/sign-in" size="sm" ta="center">
          {t("auth.backToSignIn")}
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}

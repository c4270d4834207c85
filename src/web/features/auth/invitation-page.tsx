import { Alert, Anchor, Button, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { takeEarly } from "../../backend/early-requests.ts";
import { sessionQueryKey } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { InvalidFieldNotice, useFirstInvalidField } from "../../components/invalid-field.tsx";
import { FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime, useErrorText } from "../../i18n/format.ts";
import { NewPasswordFields, newPasswordProblem } from "./new-password-fields.tsx";
import { PublicLayout } from "./public-layout.tsx";

/**
 * The page the invitation e-mail links to: `/moi/<token>`. It says who is invited to which unit, then
 * sets their first password and signs them in. A link that expired, was used or was revoked says so.
 */
export default function InvitationPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const navigate = useNavigate();
  const token = useParams().token ?? "";
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const invitation = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api("POST", "/api/auth/invitation/check", { body: { token } }),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const accept = useMutation({
    mutationFn: () => api("POST", "/api/auth/invitation/accept", { body: { token, newPassword: password } }),
    onSuccess: async (answer) => {
      if (answer.signedIn) {
        // The session asked for as the page loaded (early-requests.js) predates the new cookie: drop it.
        await takeEarly("session");
        await client.resetQueries({ queryKey: sessionQueryKey });
        await navigate("/", { replace: true });
      }
    },
  });

  let body: ReactNode;
  if (!token) {
    body = (
      <Alert color="red" role="alert">
        {t("invitations.accept.missing")}
      </Alert>
    );
  } else if (invitation.isPending) {
    body = <LoadingBlock />;
  } else if (invitation.isError) {
    body = (
      <Alert color="red" role="alert" title={t("invitations.accept.stateTitle")}>
        {errorText(invitation.error)}
      </Alert>
    );
  } else if (accept.isSuccess && !accept.data.signedIn) {
    body = (
      <Alert color="green" role="status">
        {t("invitations.accept.done", { email: accept.data.email })}
      </Alert>
    );
  } else {
    const invited = invitation.data;
    body = (
      <form
        ref={invalid.formRef}
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setTried(true);
          if (!newPasswordProblem(password, repeat, t)) {
            accept.mutate();
          }
          invalid.afterSubmit();
        }}
        onChange={invalid.afterInput}
      >
        <Stack>
          <Text size="sm">
            {t("invitations.accept.intro", {
              name: invited.fullName,
              unit: invited.unitName,
              email: invited.email,
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t("invitations.accept.expires", { date: formatDateTime(invited.expiresAt, i18n.language) })}
          </Text>
          {/* The e-mail as a username field, so a password manager files the new password under it. */}
          <input type="email" name="username" autoComplete="username" value={invited.email} readOnly hidden />
          <NewPasswordFields
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            showErrors={tried}
          />
          <InvalidFieldNotice message={invalid.message} />
          <FormError error={accept.error} />
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t("invitations.accept.submit")}
          </Button>
        </Stack>
      </form>
    );
  }
  return (
    <PublicLayout title={t("invitations.accept.title")}>
      <Stack>
        {body}
        <Anchor component={Link} to="/sign-in" size="sm" ta="center">
          {t("auth.backToSignIn")}
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}

import { Anchor, Button, PasswordInput, PinInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { fetchSession, sessionQueryKey, useSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { useMissingField } from "../../components/invalid-field.tsx";
import { FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { PublicLayout } from "./public-layout.tsx";

/** Only same-site paths may be used as the place to return to after signing in. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** E-mail and password, then (when the account has it) the 6-digit two-factor code. */
export function SignInPage() {
  const { t } = useTranslation();
  const missing = useMissingField();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [stage, setStage] = useState<"password" | "totp">("password");
  const [tried, setTried] = useState(false);

  const finish = async () => {
    queryClient.setQueryData(sessionQueryKey, await fetchSession());
    navigate(next, { replace: true });
  };

  const signIn = useMutation({
    mutationFn: () => api("POST", "/api/auth/sign-in", { body: { email, password } }),
    onSuccess: async (result) => {
      if (result.stage === "totp_required") {
        setStage("totp");
      } else {
        await finish();
      }
    },
  });
  const verify = useMutation({
    mutationFn: (value: string) => api("POST", "/api/auth/totp", { body: { code: value } }),
    onSuccess: finish,
    onError: () => setCode(""),
  });

  if (session.isPending) {
    return <LoadingBlock />;
  }
  if (session.data?.authenticated && !signIn.isPending && !verify.isPending) {
    return <Navigate to={next} replace />;
  }

  if (stage === "totp") {
    const submitCode = (value: string) => {
      if (/^\d{6}$/.test(value)) {
        verify.mutate(value);
      }
    };
    return (
      <PublicLayout title={t("auth.totpTitle")}>
        <form
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            submitCode(code);
          }}
        >
          <Stack>
            <Text size="sm">{t("auth.totpHint")}</Text>
            <PinInput
              length={6}
              type="number"
              oneTimeCode
              autoFocus
              value={code}
              onChange={setCode}
              onComplete={submitCode}
              aria-label={t("auth.totpCode")}
              size="md"
              gap="xs"
            />
            <FormError error={verify.error} />
            <Button type="submit" loading={verify.isPending} disabled={code.length !== 6} fullWidth>
              {t("auth.verify")}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setStage("password");
                setCode("");
                verify.reset();
              }}
            >
              {t("auth.backToSignIn")}
            </Anchor>
          </Stack>
        </form>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout title={t("auth.signInTitle")}>
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setTried(true);
          if (email.trim() && password) {
            signIn.mutate();
          }
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t("auth.signInSubtitle")}
          </Text>
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="username"
            required
            value={email}
            error={tried && !email.trim() ? missing.fill(t("auth.email")) : undefined}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label={t("auth.password")}
            autoComplete="current-password"
            required
            error={tried && !password ? missing.fill(t("auth.password")) : undefined}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <FormError error={signIn.error} />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t("auth.signIn")}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t("auth.forgot")}
          </Anchor>
        </Stack>
      </form>
    </PublicLayout>
  );
}

import { PasswordInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The server's minimum; checked here too so the person hears it before sending. */
export const minPasswordLength = 10;

/** The problem with a new password pair, or null when it may be sent. */
export function newPasswordProblem(
  password: string,
  repeat: string,
  t: (key: string) => string,
): string | null {
  if (password.length < minPasswordLength) {
    return t("auth.passwordTooShort");
  }
  if (password !== repeat) {
    return t("auth.passwordsDiffer");
  }
  return null;
}

/** New password and its repetition, with the rule stated up front. */
export function NewPasswordFields(props: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  showErrors: boolean;
}) {
  const { t } = useTranslation();
  const tooShort = props.showErrors && props.password.length < minPasswordLength;
  const differ = props.showErrors && !tooShort && props.password !== props.repeat;
  return (
    <>
      <PasswordInput
        label={t("auth.newPassword")}
        description={t("auth.passwordHint")}
        autoComplete="new-password"
        required
        value={props.password}
        onChange={(event) => props.onPassword(event.currentTarget.value)}
        error={tooShort ? t("auth.passwordTooShort") : undefined}
      />
      <PasswordInput
        label={t("auth.confirmPassword")}
        autoComplete="new-password"
        required
        value={props.repeat}
        onChange={(event) => props.onRepeat(event.currentTarget.value)}
        error={differ ? t("auth.passwordsDiffer") : undefined}
      />
    </>
  );
}

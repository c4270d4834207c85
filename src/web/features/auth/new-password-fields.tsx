import { PasswordInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMissingField } from "../../components/invalid-field.tsx";

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
  const missing = useMissingField();
  const tooShort = props.showErrors && props.password.length < minPasswordLength;
  const differ = props.showErrors && !tooShort && props.password !== props.repeat;
  const passwordError = tooShort
    ? props.password
      ? t("auth.passwordTooShort")
      : missing.fill(t("auth.newPassword"))
    : undefined;
  const repeatError = differ ? t("auth.passwordsDiffer") : undefined;
  // Mantine's PasswordInput leaves aria-invalid off its input: set here, so readers hear it and a
  // refused submit finds the field to focus.
  return (
    <>
      <PasswordInput
        label={t("auth.newPassword")}
        description={t("auth.passwordHint")}
        autoComplete="new-password"
        required
        value={props.password}
        onChange={(event) => props.onPassword(event.currentTarget.value)}
        error={passwordError}
        aria-invalid={Boolean(passwordError)}
      />
      <PasswordInput
        label={t("auth.confirmPassword")}
        autoComplete="new-password"
        required
        value={props.repeat}
        onChange={(event) => props.onRepeat(event.currentTarget.value)}
        error={repeatError}
        aria-invalid={Boolean(repeatError)}
        // "Vui lòng nhập nhập lại mật khẩu mới" is what the label would make of an empty repetition.
        data-invalid-message={repeatError}
      />
    </>
  );
}

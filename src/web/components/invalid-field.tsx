import { Alert } from "@mantine/core";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** A field's label as read aloud: without the required asterisk and other hidden marks. */
function labelOf(field: HTMLElement): string {
  const labelledBy = field.getAttribute("aria-labelledby");
  const label =
    (field as HTMLInputElement).labels?.[0] ??
    (labelledBy ? document.getElementById(labelledBy.split(" ")[0] ?? "") : null);
  if (label) {
    const copy = label.cloneNode(true) as HTMLElement;
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) {
      hidden.remove();
    }
    return (copy.textContent ?? "").replace(/\s*\*\s*$/, "").trim();
  }
  return field.getAttribute("aria-label")?.trim() ?? "";
}

/** The error text shown under the field (Mantine links it through aria-describedby). */
function errorOf(field: HTMLElement): string {
  const ids = field.getAttribute("aria-describedby")?.split(" ") ?? [];
  for (const id of ids) {
    const element = document.getElementById(id);
    if (element && (id.endsWith("-error") || element.className.includes("error"))) {
      return element.textContent?.trim() ?? "";
    }
  }
  return "";
}

/**
 * "Tiêu đề" → "tiêu đề" inside a sentence, and "E-mail" → "e-mail" as the app writes it mid-sentence
 * ("Vui lòng nhập e-mail hợp lệ"); an abbreviation such as "URL" or "ID" keeps its capitals.
 */
export function inSentence(label: string): string {
  const [first = "", second = ""] = label;
  const word = second && second === second.toLowerCase() && second !== second.toUpperCase();
  return word || /^E-mail/.test(label) ? first.toLowerCase() + label.slice(1) : label;
}

/**
 * The messages under an empty required field, naming it: "Vui lòng nhập tiêu đề.",
 * "Vui lòng chọn đơn vị." — never a bare "Vui lòng điền mục này."
 */
export function useMissingField() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      /** A field the person types into. */
      fill: (label: string) => t("forms.fill", { field: inSentence(label) }),
      /** A field the person picks from (a list, a date on the calendar, a box to tick). */
      choose: (label: string) => t("forms.choose", { field: inSentence(label) }),
    }),
    [t],
  );
}

function isChoice(field: HTMLElement): boolean {
  return (
    field.tagName === "SELECT" ||
    field.getAttribute("aria-haspopup") === "listbox" ||
    field.getAttribute("role") === "combobox" ||
    field.getAttribute("type") === "checkbox" ||
    field.getAttribute("type") === "radio"
  );
}

/**
 * After a submit the form's checks refused: scrolls to and focuses the first field marked invalid
 * (aria-invalid, as Mantine's inputs do with an error; PasswordInput must be given it) and names it
 * in a sentence (or the field's data-invalid-message), so a person on
 * a phone whose field sits out of view, or who hears the page, knows what to fix.
 */
export function useFirstInvalidField() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [message, setMessage] = useState<string | null>(null);

  const look = useCallback(
    (focus: boolean) => {
      // After React has drawn the errors the submit handler just set.
      window.setTimeout(() => {
        const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
        if (!field) {
          setMessage(null);
          return;
        }
        const label = labelOf(field);
        const value = (field as HTMLInputElement).value ?? "";
        const error = errorOf(field);
        // A field whose label reads badly inside "Vui lòng nhập …" ("Nhập lại mật khẩu mới") brings its own sentence.
        const own = field.dataset.invalidMessage;
        if (own) {
          setMessage(own);
        } else if (!label) {
          setMessage(error || t("forms.fixFields"));
        } else if (isChoice(field) && !value) {
          setMessage(t("forms.choose", { field: inSentence(label) }));
        } else if (!value.trim()) {
          setMessage(t("forms.fill", { field: inSentence(label) }));
        } else if (error.startsWith(label)) {
          // "Hạn hoàn thành phải sau thời điểm hiện tại." names its field already.
          setMessage(error);
        } else {
          setMessage(t("forms.fix", { field: label, error }));
        }
        if (focus) {
          field.scrollIntoView({ block: "center" });
          field.focus({ preventScroll: true });
        }
      }, 0);
    },
    [t],
  );

  const reset = useCallback(() => setMessage(null), []);

  return {
    formRef,
    message,
    /** Call right after the submit handler ran. */
    afterSubmit: () => look(true),
    /** Forgets the sentence, e.g. when the dialog closes. */
    reset,
    /** Call as the person types, so the sentence follows what is still wrong. */
    afterInput: () => {
      if (message) {
        look(false);
      }
    },
  };
}

/** The sentence naming the first field to fix, announced as it appears. */
export function InvalidFieldNotice({ message }: { message: string | null }) {
  if (!message) {
    return null;
  }
  return (
    <Alert color="red" variant="light" role="alert" data-testid="invalid-field-notice">
      {message}
    </Alert>
  );
}

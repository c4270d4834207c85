import { Button, Group, Modal, type ModalProps, Stack, type StackProps } from "@mantine/core";
import { type FormEvent, type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { InvalidFieldNotice, useFirstInvalidField } from "./invalid-field.tsx";
import { FormError } from "./state-blocks.tsx";

/**
 * A modal form: a titled dialog (Mantine's Modal gives role="dialog", aria-modal, the title as
 * its name, Esc to close, focus kept inside and handed back on close) around the fields, the
 * server's refusal, and Cancel beside the submit button. Enter in a field submits, as in any form.
 * When the caller's checks refuse the submit, the first invalid field is scrolled to, focused and
 * named above the buttons.
 */
export function FormDialog(props: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  /** The fields and explanations, above the error and the buttons. */
  children: ReactNode;
  /** Called on submit (the button or Enter); checking the fields is the caller's. */
  onSubmit: () => void;
  submitLabel: string;
  submitColor?: string;
  submitDisabled?: boolean;
  submitTestId?: string;
  loading?: boolean;
  /** The server's refusal, shown above the buttons; leave it out when it is shown by a field instead. */
  error?: unknown;
  size?: ModalProps["size"];
  gap?: StackProps["gap"];
  testId?: string;
  /** Let the browser check required fields itself (by default the caller shows its own messages). */
  browserValidation?: boolean;
}) {
  const { t } = useTranslation();
  useFocusBackOnClose(props.opened);
  const invalid = useFirstInvalidField();
  const { reset } = invalid;
  useEffect(() => {
    if (!props.opened) {
      reset();
    }
  }, [props.opened, reset]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // React carries a submit up through the portal: a form in the page behind must not receive it.
    event.stopPropagation();
    props.onSubmit();
    invalid.afterSubmit();
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size} centered>
      <form
        ref={invalid.formRef}
        noValidate={!props.browserValidation}
        onSubmit={submit}
        onChange={invalid.afterInput}
        data-testid={props.testId}
      >
        <Stack gap={props.gap}>
          {props.children}
          <InvalidFieldNotice message={invalid.message} />
          <FormError error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              color={props.submitColor}
              loading={props.loading}
              disabled={props.submitDisabled}
              data-testid={props.submitTestId}
            >
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Hands focus back to what opened the dialog once it closes. Mantine's Modal does this only while
 * it stays mounted, and many pages unmount their dialog on close, which left focus on the page body.
 */
function useFocusBackOnClose(opened: boolean): void {
  const opener = useRef<HTMLElement | null>(null);
  // Read while rendering the opening: by the time effects run, the dialog has taken focus.
  if (opened && opener.current === null && document.activeElement instanceof HTMLElement) {
    opener.current = document.activeElement;
  }
  useEffect(() => {
    if (!opened) {
      return;
    }
    return () => {
      const target = opener.current;
      opener.current = null;
      // After Mantine's own hand-back, which wins when it happens.
      window.setTimeout(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (lost && target?.isConnected) {
          target.focus();
        }
      }, 0);
    };
  }, [opened]);
}

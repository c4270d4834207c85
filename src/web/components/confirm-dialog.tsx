import type { ReactNode } from "react";
import { FormDialog } from "./form-dialog.tsx";

/** A yes/no question before a consequential action; shows the server's refusal in place. */
export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  loading?: boolean;
  disabled?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      onSubmit={props.onConfirm}
      submitLabel={props.confirmLabel}
      submitColor={props.color ?? "red"}
      submitDisabled={props.disabled}
      loading={props.loading}
      error={props.error}
    >
      {props.children}
    </FormDialog>
  );
}

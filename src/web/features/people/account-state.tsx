import { Badge, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, type ResponseOf } from "../../backend/typed-client.ts";
import type { Person } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { formatDateTime, useErrorText } from "../../i18n/format.ts";

/*
 * Whether each person has signed in, is invited or never signed in, and the invitation actions: the
 * answers come from auth (GET /api/auth/account-states), which also says who may invite whom.
 */

export type AccountState = ResponseOf<"GET", "/api/auth/account-states">["items"][number];

const stateColors: Record<AccountState["state"], string> = {
  active: "green",
  invited: "blue",
  invitation_expired: "orange",
  never_signed_in: "gray",
};

/** The account states of the people on the page, by person id. */
export function useAccountStates(personIds: readonly string[]): Map<string, AccountState> {
  const ids = [...personIds].sort().join(",");
  const states = useQuery({
    queryKey: ["people", "account-states", ids],
    queryFn: () => api("GET", "/api/auth/account-states", { query: { ids } }),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
  });
  return new Map((states.data?.items ?? []).map((state) => [state.personId, state]));
}

/** The state as a badge; its details (last sign-in, the invitation's expiry) on hover and focus. */
export function AccountStateBadge({ state }: { state: AccountState }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null | undefined) => formatDateTime(iso, i18n.language);
  let detail: string | null = null;
  if (state.state === "active" && state.lastSignInAt) {
    detail = t("invitations.lastSignIn", { date: date(state.lastSignInAt) });
  } else if (state.state === "invited" && state.invitation) {
    detail = t("invitations.invitedUntil", {
      by: state.invitation.invitedBy ?? t("invitations.someone"),
      date: date(state.invitation.expiresAt),
    });
  } else if (state.state === "invitation_expired" && state.invitation) {
    detail = t("invitations.expiredOn", { date: date(state.invitation.expiresAt) });
  }
  const badge = (
    <Badge
      variant="light"
      color={stateColors[state.state]}
      size="sm"
      radius="sm"
      tt="none"
      style={{ flexShrink: 0, overflow: "visible" }}
      tabIndex={detail ? 0 : undefined}
      data-account-state={state.state}
    >
      {t(`invitations.state.${state.state}`)}
    </Badge>
  );
  return detail ? (
    <Tooltip label={detail} multiline maw={280} events={{ hover: true, focus: true, touch: true }}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/** Sends (or sends again) a person's invitation, telling the administrator where it went. */
export function useSendInvitation() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (person: Person) => api("POST", "/api/people/:id/invitation", { params: { id: person.id } }),
    onSuccess: async (_state, person) => {
      notifications.show({ color: "green", message: t("invitations.sent", { email: person.email }) });
      await client.invalidateQueries({ queryKey: ["people", "account-states"] });
    },
    onError: (error) => notifications.show({ color: "red", message: errorText(error) }),
  });
}

/** Asks before revoking a pending invitation: its link stops working. */
export function RevokeInvitationDialog(props: { person: Person; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api("DELETE", "/api/people/:id/invitation", { params: { id: props.person.id } }),
    onSuccess: async () => {
      notifications.show({
        color: "green",
        message: t("invitations.revoked", { name: props.person.fullName }),
      });
      await client.invalidateQueries({ queryKey: ["people", "account-states"] });
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("invitations.revokeTitle", { name: props.person.fullName })}
      confirmLabel={t("invitations.revoke")}
      loading={revoke.isPending}
      error={revoke.error}
      onConfirm={() => revoke.mutate()}
    >
      <Text size="sm">{t("invitations.revokeExplain")}</Text>
    </ConfirmDialog>
  );
}

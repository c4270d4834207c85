import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../backend/typed-client.ts";
import type { UpdateVariantBody, VariantDetail } from "../../backend/types.ts";
import { postKeys, targetRules } from "./posts-api.ts";

/** What the editor has typed into a variant and not saved yet. */
export interface VariantDraftFields {
  title: string;
  body: string;
  linkUrl: string;
  mediaIds: string[];
}

function savedFieldsOf(variant: VariantDetail): VariantDraftFields {
  return {
    title: variant.title ?? "",
    body: variant.body,
    linkUrl: variant.linkUrl ?? "",
    mediaIds: variant.mediaIds,
  };
}

/** A variant's unsaved edits and their saving; only the fields its platform takes are sent. */
export function useVariantDraft(variant: VariantDetail) {
  const client = useQueryClient();
  const rules = targetRules[variant.target];
  const [fields, setFields] = useState(() => savedFieldsOf(variant));
  const dirty =
    fields.title !== (variant.title ?? "") ||
    fields.body !== variant.body ||
    fields.linkUrl !== (variant.linkUrl ?? "") ||
    fields.mediaIds.join() !== variant.mediaIds.join();

  const save = useMutation({
    mutationFn: () => {
      const changes: UpdateVariantBody = { body: fields.body, mediaIds: fields.mediaIds };
      if (rules.title) {
        changes.title = fields.title.trim() || null;
      }
      if (rules.link) {
        changes.linkUrl = fields.linkUrl.trim() || null;
      }
      return api("PATCH", "/api/variants/:id", { params: { id: variant.id }, body: changes });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: postKeys.all }),
  });

  return {
    fields,
    dirty,
    save,
    set: (changes: Partial<VariantDraftFields>) => setFields((current) => ({ ...current, ...changes })),
    discard: () => setFields(savedFieldsOf(variant)),
  };
}

/** The draft of one variant, as `useVariantDraft` returns it. */
export type VariantDraft = ReturnType<typeof useVariantDraft>;

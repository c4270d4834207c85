import "@mantine/tiptap/styles.css";
import { Input } from "@mantine/core";
import { RichTextEditor, type RichTextEditorProps } from "@mantine/tiptap";
import { useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId, useMemo } from "react";
import { useTranslation } from "react-i18next";

/**
 * A rich-text body for portal and Zalo articles. Only what the server's sanitiser keeps is offered
 * (headings 2–4, lists, quotes, links, bold/italic/underline/strike), so what the editor shows is
 * what gets published. `value` is read once: remount with a new `key` to load other content.
 */
export function RichTextField(props: {
  label: string;
  value: string;
  onChange: (html: string) => void;
  error?: string | undefined;
  description?: string | undefined;
  required?: boolean;
  readOnly?: boolean;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: "https" },
      }),
    ],
    content: props.value,
    editable: !props.readOnly,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        "aria-labelledby": labelId,
        "aria-multiline": "true",
        role: "textbox",
        ...(props["data-testid"] ? { "data-testid": props["data-testid"] } : {}),
      },
    },
    onUpdate: ({ editor: current }) => props.onChange(current.isEmpty ? "" : current.getHTML()),
  });
  // useEditor reads `editable` only when it creates the editor; write access may arrive later.
  useEffect(() => {
    editor?.setEditable(!props.readOnly, false);
  }, [editor, props.readOnly]);
  const labels = useMemo(
    () => ({
      boldControlLabel: t("posts.editor.bold"),
      italicControlLabel: t("posts.editor.italic"),
      underlineControlLabel: t("posts.editor.underline"),
      strikeControlLabel: t("posts.editor.strike"),
      clearFormattingControlLabel: t("posts.editor.clearFormatting"),
      linkControlLabel: t("posts.editor.link"),
      unlinkControlLabel: t("posts.editor.unlink"),
      bulletListControlLabel: t("posts.editor.bulletList"),
      orderedListControlLabel: t("posts.editor.orderedList"),
      h2ControlLabel: t("posts.editor.h2"),
      h3ControlLabel: t("posts.editor.h3"),
      blockquoteControlLabel: t("posts.editor.blockquote"),
      undoControlLabel: t("posts.editor.undo"),
      redoControlLabel: t("posts.editor.redo"),
      linkEditorInputLabel: t("posts.editor.linkInput"),
      linkEditorInputPlaceholder: "https://…",
      linkEditorExternalLink: t("posts.editor.linkExternal"),
      linkEditorInternalLink: t("posts.editor.linkInternal"),
      linkEditorSave: t("common.save"),
    }),
    [t],
  );

  return (
    <Input.Wrapper
      label={<span id={labelId}>{props.label}</span>}
      required={props.required}
      error={props.error}
      description={props.description}
    >
      <RichTextEditor
        // @mantine/tiptap's .d.mts re-exports .d.ts files, so under NodeNext its Editor is @tiptap/core's
        // CommonJS declaration and ours the ESM one: the same class, two type identities.
        editor={editor as unknown as RichTextEditorProps["editor"]}
        labels={labels}
        style={props.error ? { borderColor: "var(--mantine-color-error)" } : undefined}
      >
        {!props.readOnly && (
          <RichTextEditor.Toolbar sticky stickyOffset={56}>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Bold />
              <RichTextEditor.Italic />
              <RichTextEditor.Underline />
              <RichTextEditor.Strikethrough />
              <RichTextEditor.ClearFormatting />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.H2 />
              <RichTextEditor.H3 />
              <RichTextEditor.Blockquote />
              <RichTextEditor.BulletList />
              <RichTextEditor.OrderedList />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Link />
              <RichTextEditor.Unlink />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Undo />
              <RichTextEditor.Redo />
            </RichTextEditor.ControlsGroup>
          </RichTextEditor.Toolbar>
        )}
        <RichTextEditor.Content mih={160} />
      </RichTextEditor>
    </Input.Wrapper>
  );
}

import { Title } from "@mantine/core";

/** Số liệu STUB (skeleton). */
export default function InboxFiguresPage() {
  return <Title order={2}>Số liệu</Title>;
}

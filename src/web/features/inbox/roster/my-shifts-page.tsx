import { Title } from "@mantine/core";

/** Ca trực của tôi STUB (skeleton). */
export default function MyShiftsPage() {
  return <Title order={2}>Ca trực của tôi</Title>;
}

export default function CaseQueuePage() {
  return null;
}

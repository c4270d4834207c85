export default function MemberTipPage() {
  return null;
}

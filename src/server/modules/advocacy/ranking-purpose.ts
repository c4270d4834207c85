/**
 * What a member agrees to when they opt in to be named in campaign rankings. The consent stores the
 * version and the exact text shown; changing the text means a new version, and an opt-in against an
 * older one is refused so that nobody agrees to words they did not see.
 */
export const rankingPurpose = {
  version: "2026-12-01",
  vi: "Tôi đồng ý để tên tôi, đơn vị và số lượt nhấp, lượt chia sẻ trên các liên kết chia sẻ của tôi được hiển thị trong bảng xếp hạng cá nhân của các chiến dịch mà đơn vị tôi tham gia. Tôi có thể rút lại bất cứ lúc nào; khi rút lại, tên tôi không còn xuất hiện trong bảng xếp hạng.",
  en: "I agree that my name, unit and the numbers of clicks and shares on my share links are shown in the individual rankings of the campaigns my unit takes part in. I can withdraw at any time; once withdrawn, my name no longer appears in rankings.",
};

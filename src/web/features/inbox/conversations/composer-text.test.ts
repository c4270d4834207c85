import { describe, expect, it } from "vitest";
import { fillCannedReply, insertAtTrigger, mentionedIds, triggerAt } from "./composer-text.ts";

describe("the composer's shortcuts", () => {
  it("offers canned replies for a / typed at a word's start, and people for an @", () => {
    expect(triggerAt("/cha", 4)).toEqual({ sign: "/", word: "cha", start: 0 });
    expect(triggerAt("Dạ, /", 5)).toEqual({ sign: "/", word: "", start: 4 });
    expect(triggerAt("nhờ @Hù", 7)).toEqual({ sign: "@", word: "Hù", start: 4 });
    // Not inside a word, an address or a date, and not once a space ends the word.
    expect(triggerAt("ngày 12/3", 9)).toBeNull();
    expect(triggerAt("a@b.vn", 6)).toBeNull();
    expect(triggerAt("/chao ", 6)).toBeNull();
    // Only what is before the cursor counts.
    expect(triggerAt("/chao bạn", 3)).toEqual({ sign: "/", word: "ch", start: 0 });
  });

  it("fills every {ten} and {don_vi} and leaves other braces alone", () => {
    expect(
      fillCannedReply("Chào {ten}, {don_vi} đã nhận. {ten} vui lòng chờ {khac}.", "Anh Bình", "Xã Tân Trào"),
    ).toBe("Chào Anh Bình, Xã Tân Trào đã nhận. Anh Bình vui lòng chờ {khac}.");
  });

  it("addresses a contact the platform gave no name for as anh/chị, not by the placeholder", () => {
    for (const placeholder of ["Người dùng Facebook", "Người dùng Zalo", "Người hỏi"]) {
      expect(fillCannedReply("Chào {ten}, {don_vi} đã nhận.", placeholder, "Xã Tân Trào")).toBe(
        "Chào anh/chị, Xã Tân Trào đã nhận.",
      );
    }
  });

  it("replaces the shortcut typed with the text, keeping what follows the cursor", () => {
    const trigger = triggerAt("Dạ /cha tiếp", 7);
    expect(trigger).not.toBeNull();
    if (trigger) {
      expect(insertAtTrigger("Dạ /cha tiếp", 7, trigger, "Chào anh")).toEqual({
        text: "Dạ Chào anh tiếp",
        cursor: 11,
      });
    }
  });

  it("notifies only the people still @mentioned when the note is saved", () => {
    const picked = new Map([
      ["a", "Nguyễn Văn Hùng"],
      ["b", "Lê Thu Trang"],
    ]);
    expect(mentionedIds("@Nguyễn Văn Hùng xem giúp", picked)).toEqual(["a"]);
  });
});

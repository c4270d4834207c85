import { describe, expect, it } from "vitest";
import { inSentence } from "./invalid-field.tsx";

describe("a field's label inside a sentence", () => {
  it("lowers a word's first letter, 'E-mail' as the app writes it, and keeps abbreviations", () => {
    expect(`Vui lòng nhập ${inSentence("Tiêu đề")}.`).toBe("Vui lòng nhập tiêu đề.");
    expect(`Vui lòng nhập ${inSentence("E-mail")}.`).toBe("Vui lòng nhập e-mail.");
    expect(`Vui lòng nhập ${inSentence("E-mail nhận thông báo")}.`).toBe(
      "Vui lòng nhập e-mail nhận thông báo.",
    );
    expect(`Vui lòng nhập ${inSentence("URL")}.`).toBe("Vui lòng nhập URL.");
    expect(`Vui lòng nhập ${inSentence("ID của kênh")}.`).toBe("Vui lòng nhập ID của kênh.");
    expect(`Vui lòng nhập ${inSentence("Đơn vị nhận yêu cầu")}.`).toBe("Vui lòng nhập đơn vị nhận yêu cầu.");
  });
});

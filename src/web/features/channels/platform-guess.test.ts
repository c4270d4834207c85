import { describe, expect, it } from "vitest";
import { platformAfterAddress } from "./platform-guess.ts";

describe("the channel form's platform, guessed from the pasted address", () => {
  it("is guessed when none is chosen, and follows a new recognised address", () => {
    const guessed = platformAfterAddress({ platform: null, guessed: false }, "facebook_page");
    expect(guessed).toEqual({ platform: "facebook_page", guessed: true });
    expect(platformAfterAddress(guessed, "youtube")).toEqual({ platform: "youtube", guessed: true });
  });

  it("drops the guess and its note when the address is not recognised any more", () => {
    // e.g. "123 Đường Trần Phú, Hà Giang" pasted over a Facebook address
    expect(platformAfterAddress({ platform: "facebook_page", guessed: true }, null)).toEqual({
      platform: null,
      guessed: false,
    });
  });

  it("leaves the person's own choice alone, recognised address or not", () => {
    const chosen = { platform: "zalo_oa" as const, guessed: false };
    expect(platformAfterAddress(chosen, "facebook_page")).toBe(chosen);
    expect(platformAfterAddress(chosen, null)).toBe(chosen);
  });

  it("with nothing chosen and nothing recognised, stays empty", () => {
    expect(platformAfterAddress({ platform: null, guessed: false }, null)).toEqual({
      platform: null,
      guessed: false,
    });
  });
});

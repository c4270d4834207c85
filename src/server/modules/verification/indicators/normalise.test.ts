import { describe, expect, it } from "vitest";
import {
  guessIndicator,
  normaliseAccountUrl,
  normaliseBankAccount,
  normaliseDomain,
  normalisePhone,
} from "./normalise.ts";

const normalOf = (result: { ok: boolean; value?: string }) => (result.ok ? result.value : null);

describe("phone numbers", () => {
  it.each([
    ["0912345678", "0912345678"],
    ["0912 345 678", "0912345678"],
    ["0912.345.678", "0912345678"],
    ["0912-345-678", "0912345678"],
    ["(091) 234-5678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["+84912345678", "0912345678"],
    ["+84 (0) 912 345 678", "0912345678"],
    ["84912345678", "0912345678"],
    ["0084 912 345 678", "0912345678"],
    ["084 234 5678", "0842345678"],
    ["024 3825 1234", "02438251234"],
    ["+84 24 3825 1234", "02438251234"],
    // Pasted from a chat or a link: zero-width and no-break spaces, a tel: scheme.
    ["0912\u200b345\u00a0678", "0912345678"],
    ["tel:+84912345678", "0912345678"],
  ])("%s → %s", (input, expected) => {
    expect(normalOf(normalisePhone(input))).toBe(expected);
  });

  it.each([
    ["091234567", "10 hoặc 11 chữ số"],
    ["091234567890", "10 hoặc 11 chữ số"],
    ["+1 202 555 0123", "Việt Nam (+84)"],
    ["912345678", "bắt đầu bằng 0"],
    ["09l2345678", "chỉ gồm chữ số"],
    ["0012345678", "00"],
    ["", "Vui lòng nhập"],
  ])("refuses %j, saying why (%s)", (input, reason) => {
    const result = normalisePhone(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.refusal.vi).toContain(reason);
  });
});

describe("bank accounts", () => {
  it.each([
    ["0123 4567 8901", "012345678901"],
    ["19036-1234-5678", "1903612345678"],
    ["Vietcombank 0071 0001 23456", "0071000123456"],
    ["123456", "123456"],
  ])("%s → %s", (input, expected) => {
    expect(normalOf(normaliseBankAccount(input))).toBe(expected);
  });

  it("refuses too short, too long, none or two numbers", () => {
    expect(normaliseBankAccount("12345").ok).toBe(false);
    expect(normaliseBankAccount("1".repeat(20)).ok).toBe(false);
    expect(normaliseBankAccount("Vietcombank").ok).toBe(false);
    expect(normaliseBankAccount("0123456 / 9876543").ok).toBe(false);
  });
});

describe("domains, by the registrable domain", () => {
  it.each([
    ["https://www.Vietcombank-hotro.com.vn/login", "vietcombank-hotro.com.vn"],
    ["vietcombank-hotro.com.vn", "vietcombank-hotro.com.vn"],
    ["http://secure.login.vcb-online.net:8443/xac-thuc?id=1", "vcb-online.net"],
    // The gov.vn trick: a government name in front of someone else's domain.
    ["https://tuyenquang.gov.vn.tin-tuc.com/thong-bao", "tin-tuc.com"],
    ["dichvucong.gov.vn-hotro.xyz", "vn-hotro.xyz"],
    ["https://abc.tuyenquang.gov.vn/", "tuyenquang.gov.vn"],
    ["HTTPS://WWW.EXAMPLE.VN.", "example.vn"],
    ["https://thuê-xe.vn/", "xn--thu-xe-kva.vn"],
    ["https://nhan-qua.web.app/", "nhan-qua.web.app"],
    ["http://103.21.4.5/login", "103.21.4.5"],
  ])("%s → %s", (input, expected) => {
    expect(normalOf(normaliseDomain(input))).toBe(expected);
  });

  it("refuses what is no domain, and a platform's own domain", () => {
    expect(normaliseDomain("khong co ten mien").ok).toBe(false);
    expect(normaliseDomain("localhost").ok).toBe(false);
    const platform = normaliseDomain("https://www.facebook.com/trang.gia.mao");
    expect(platform.ok ? "" : platform.refusal.vi).toContain("nền tảng mạng xã hội");
  });
});

describe("account addresses, by the registry's canonical key", () => {
  // Facebook ignores dots in page names, and so does the registry's key.
  it.each([
    ["https://m.facebook.com/congantinh.tuyenquang.gia/?ref=share", "facebook:page:congantinhtuyenquanggia"],
    ["facebook.com/congantinh.tuyenquang.gia", "facebook:page:congantinhtuyenquanggia"],
    ["https://www.tiktok.com/@vtv24.news?lang=vi", "tiktok:@vtv24.news"],
  ])("%s → %s", (input, expected) => {
    expect(normalOf(normaliseAccountUrl(input))).toBe(expected);
  });

  it("keeps an address the registry cannot key in its encoded form", () => {
    expect(normalOf(normaliseAccountUrl("https://www.facebook.com/share/p/1AbCdEf/"))).toBe(
      "https://www.facebook.com/share/p/1AbCdEf/",
    );
    expect(normaliseAccountUrl("javascript:alert(1)").ok).toBe(false);
  });
});

describe("guessing the kind of a looked-up value", () => {
  it("reads a phone (and the same digits as an account), a domain, a page", () => {
    expect(guessIndicator("+84 912 345 678").candidates).toEqual([{ kind: "phone", value: "0912345678" }]);
    expect(guessIndicator("tel:+84912345678").candidates).toEqual([{ kind: "phone", value: "0912345678" }]);
    expect(guessIndicator("0912 345 678").candidates).toEqual([
      { kind: "phone", value: "0912345678" },
      { kind: "bank_account", value: "0912345678" },
    ]);
    expect(guessIndicator("1903 6789 0123 45").candidates).toEqual([
      { kind: "bank_account", value: "19036789012345" },
    ]);
    expect(guessIndicator("https://www.Vietcombank-hotro.com.vn/login").candidates[0]).toEqual({
      kind: "domain",
      value: "vietcombank-hotro.com.vn",
    });
    expect(guessIndicator("https://www.facebook.com/congantinh.tuyenquang.gia").candidates).toEqual([
      { kind: "account_url", value: "facebook:page:congantinhtuyenquanggia" },
    ]);
  });

  it("says what to type when the value is none of them", () => {
    const guess = guessIndicator("lừa đảo");
    expect(guess.candidates).toEqual([]);
    expect(guess.refusal?.vi).toContain("Vui lòng nhập");
  });
});

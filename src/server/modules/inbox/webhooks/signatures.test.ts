import { describe, expect, it } from "vitest";
import { facebookSignature } from "../../../../../test/fakes/facebook-webhooks.ts";
import { zaloSignature } from "../../../../../test/fakes/zalo-webhooks.ts";
import { checkFacebookSignature, checkZaloSignature, zaloSignedFields } from "./signatures.ts";

const appSecret = "caunoi-app-secret";
const oaSecretKey = "oa-secret-key";

describe("signatures, against hand-computed vectors (openssl dgst -sha256 -hmac, sha256sum)", () => {
  it("checks Meta's X-Hub-Signature-256 over the raw bytes", () => {
    const body = Buffer.from('{"object":"page","entry":[]}');
    const good = "sha256=0a433416b2eaefa37d2d7a1736852fa7eda35bceaec0a349acd664a3436dfa9f";
    expect(checkFacebookSignature(body, good, appSecret)).toBe("ok");
    expect(checkFacebookSignature(body, good.toUpperCase().replace("SHA256", "sha256"), appSecret)).toBe(
      "ok",
    );
    expect(checkFacebookSignature(Buffer.from('{"object":"page", "entry":[]}'), good, appSecret)).toBe(
      "bad_signature",
    );
    expect(checkFacebookSignature(body, good, "another-secret")).toBe("bad_signature");
    expect(checkFacebookSignature(body, "sha1=abc", appSecret)).toBe("bad_signature");
    expect(checkFacebookSignature(body, undefined, appSecret)).toBe("unsigned");
    expect(facebookSignature(body.toString(), appSecret)).toBe(good);
  });

  it("checks Zalo's X-ZEvent-Signature: sha256(app_id + body + timestamp + OA secret key)", () => {
    const body = Buffer.from('{"app_id":"1234567890","event_name":"follow","timestamp":"1700000000000"}');
    const good = "mac=3e4cb9cbd4a354bacd882c3dc95f9ea6e3163cd5367bbd716c2635ed9e47f1c2";
    const fields = zaloSignedFields(JSON.parse(body.toString()));
    expect(fields).toEqual({ appId: "1234567890", timestamp: "1700000000000" });
    expect(checkZaloSignature(body, fields, good, oaSecretKey)).toBe("ok");
    expect(checkZaloSignature(body, fields, good, "other")).toBe("bad_signature");
    expect(
      checkZaloSignature(body, { ...fields, timestamp: "1700000000001" } as never, good, oaSecretKey),
    ).toBe("bad_signature");
    expect(checkZaloSignature(body, fields, undefined, oaSecretKey)).toBe("unsigned");
    // The fake Zalo signs the same way.
    expect(zaloSignature("1234567890", body.toString(), "1700000000000", oaSecretKey)).toBe(good);
  });
});

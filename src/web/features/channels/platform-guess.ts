import type { ChannelPlatform } from "../../backend/types.ts";

/** The platform field of the channel form: the chosen platform, and whether it was guessed from the address. */
export interface PlatformChoice {
  platform: ChannelPlatform | null;
  /** True when the form chose it from the pasted address (then it says so under the field). */
  guessed: boolean;
}

/**
 * The platform after the address changed to `detected` (what the address is recognised as, or
 * null). A guess follows the address: a new guess replaces it, and an address no longer recognised
 * (a street address pasted by mistake) takes the guess and its note away. The person's own choice
 * is never overridden.
 */
export function platformAfterAddress(
  current: PlatformChoice,
  detected: ChannelPlatform | null,
): PlatformChoice {
  const mayGuess = current.guessed || !current.platform;
  if (!mayGuess) {
    return current;
  }
  if (detected) {
    return { platform: detected, guessed: true };
  }
  return current.guessed ? { platform: null, guessed: false } : current;
}

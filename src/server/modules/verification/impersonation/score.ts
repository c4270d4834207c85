import type { Executor } from "../../../db/client.ts";

export interface ImpersonationInput {
  url: string;
  displayName: string;
  handle?: string | null;
  /** The page's avatar or a screenshot of it, when given. */
  avatarPhash?: string | null;
}

export interface ImpersonationReason {
  code: string;
  weight: number;
  detail?: string;
}

export interface ImpersonationScore {
  /** 0–1: how much the page looks like a registered channel. Never a verdict. */
  score: number;
  reasons: ImpersonationReason[];
  /** The registered channel it most resembles. */
  channelId?: string;
  /** The page is itself a registered channel (never a candidate). */
  registered?: boolean;
}

/** Scores a page against the registry of official channels. */
export async function scoreImpersonation(
  _db: Executor,
  _input: ImpersonationInput,
): Promise<ImpersonationScore> {
  return { score: 0, reasons: [] };
}

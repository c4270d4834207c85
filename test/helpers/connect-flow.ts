import { randomBytes } from "node:crypto";
import type { SessionClient } from "./factories.ts";

/*
 * Drives "Kết nối bằng Facebook / Zalo" as a browser would: the app answers where to go, the
 * platform's (fake) dialog redirects back, and the callback is called with the session cookie.
 */

export interface FlowStep {
  status: number;
  /** Where the callback sent the browser (the channel's page with ?ket-noi=…). */
  location: string;
  /** The same, as a URL on the app's address. */
  url: URL;
}

export const suffix = () => randomBytes(4).toString("hex");

/** Starts the flow and answers the platform's dialog address. */
export async function startFlow(client: SessionClient, channelId: string): Promise<string> {
  const started = await client.request({ method: "POST", url: `/api/channels/${channelId}/connection/flow` });
  if (started.statusCode !== 201) {
    throw new Error(`start failed: ${started.statusCode} ${started.body}`);
  }
  return (started.json() as { authorizeUrl: string }).authorizeUrl;
}

/** The (fake) dialog, as the browser follows it: answers the callback address it redirects to. */
export async function throughDialog(authorizeUrl: string): Promise<URL> {
  const answer = await fetch(authorizeUrl, { redirect: "manual" });
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location) {
    throw new Error(`the dialog answered ${answer.status}: ${await answer.text()}`);
  }
  const back = new URL(location);
  back.hash = "";
  return back;
}

/** Calls the app's callback at the address the dialog sent the browser to. */
export async function callBack(client: SessionClient, back: URL): Promise<FlowStep> {
  const answer = await client.request({ method: "GET", url: `${back.pathname}${back.search}` });
  const location = String(answer.headers.location ?? "");
  return { status: answer.statusCode, location, url: new URL(location, "http://caunoi.test") };
}

/** start → dialog → callback. */
export async function runFlow(client: SessionClient, channelId: string): Promise<FlowStep & { back: URL }> {
  const back = await throughDialog(await startFlow(client, channelId));
  return { ...(await callBack(client, back)), back };
}

import { EventEmitter } from "node:events";

/*
 * The webhook tells the delivery worker of this process that something was stored, so a message
 * reaches the inbox in milliseconds rather than at the next poll. The poll still runs: deliveries
 * stored by another instance, or left by a crash, are found by it.
 */

const nudges = new EventEmitter();
nudges.setMaxListeners(0);

export function nudgeDeliveryWorker(): void {
  nudges.emit("stored");
}

export function onDeliveryStored(listener: () => void): () => void {
  nudges.on("stored", listener);
  return () => nudges.off("stored", listener);
}

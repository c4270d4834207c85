/**
 * How a member's phone hands a kit on: the system share sheet, Facebook's share dialog, or the
 * clipboard. Nothing here posts anything itself; the member chooses where it goes.
 */

/** What is shared: the caption, then the member's own tracked link on its own line. */
export function shareText(caption: string, linkUrl: string): string {
  return `${caption}\n${linkUrl}`;
}

/** True when the browser has the Web Share API (most phone browsers; few desktops). */
export function canShareNatively(): boolean {
  return typeof navigator !== "undefined" && typeof navigator.share === "function";
}

/**
 * Opens the system share sheet. Resolves true when the member picked a target, false when they
 * closed the sheet (an AbortError), and rethrows anything else.
 */
export async function shareNatively(title: string, caption: string, linkUrl: string): Promise<boolean> {
  try {
    await navigator.share({ title, text: shareText(caption, linkUrl), url: linkUrl });
    return true;
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") {
      return false;
    }
    throw error;
  }
}

/** Facebook's documented share dialog for a link (sharer.php takes only the address). */
export function facebookShareUrl(linkUrl: string): string {
  return `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(linkUrl)}`;
}

/**
 * Copies text, with a fallback for pages served over plain http on a local network, where
 * `navigator.clipboard` is missing.
 */
export async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: try the old way below.
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

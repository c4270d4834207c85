// The share feed's buttons: the system share sheet, Zalo (by the clipboard: Zalo has no web share
// address without its SDK), Facebook's share dialog, copy, and the member's own "shared" mark.
// Nothing here posts anything: the member chooses where it goes. Copying, opening Zalo or Facebook
// or the share sheet marks nothing: whether they then posted it only the member knows, so the card
// asks ("Đã chia sẻ xong?") in its own flow, above its status, and only their answer is recorded.
(() => {
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";
  const messages = JSON.parse(document.body.dataset.messages || "{}");

  // A language chosen here ("English" in the header) is remembered as the web app remembers its own
  // (src/web/i18n/index.ts, same key), so the member's other pages, reached from this one, follow it.
  const chosen = new URLSearchParams(window.location.search).get("lang");
  if (chosen === "vi" || chosen === "en") {
    try {
      localStorage.setItem("caunoi.language", chosen);
    } catch {
      // Storage refused (private browsing): the other pages keep their own language.
    }
  }

  // Each card says what happened in its own note, where it neither moves nor hides anything else.
  const say = (card, text) => {
    const note = card.querySelector('[data-testid="feed-note"]');
    if (note) {
      note.textContent = text;
    }
  };

  // Over plain http on a local network the clipboard API is missing: the old way still works there.
  const copyText = async (text) => {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // Refused: try the old way.
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
  };

  const showShared = (card, shared) => {
    card.querySelector('[data-testid="feed-shared"]').hidden = !shared;
    card.querySelector('[data-testid="feed-unshared"]').hidden = shared;
  };

  const confirmBox = (card) => card.querySelector('[data-testid="feed-confirm"]');

  // After a share button: ask, remembering how they went to share it.
  const askConfirmation = (card, method) => {
    card.dataset.pendingMethod = method;
    const box = confirmBox(card);
    if (box && card.querySelector('[data-testid="feed-shared"]').hidden) {
      box.hidden = false;
    }
  };

  const closeConfirmation = (card) => {
    delete card.dataset.pendingMethod;
    const box = confirmBox(card);
    if (box) {
      box.hidden = true;
    }
  };

  const setShared = async (card, method) => {
    const url = `/api/me/share-feed/${card.dataset.kitId}/shared`;
    const response = await fetch(url, {
      method: method ? "POST" : "DELETE",
      credentials: "same-origin",
      headers: method
        ? { "content-type": "application/json", "x-csrf-token": csrfToken }
        : { "x-csrf-token": csrfToken },
      body: method ? JSON.stringify({ method }) : undefined,
    }).catch(() => null);
    if (response?.ok) {
      showShared(card, Boolean(method));
      closeConfirmation(card);
      say(card, "");
    } else {
      say(card, messages.markFailed);
    }
  };

  const nativeShare = typeof navigator.share === "function";

  for (const card of document.querySelectorAll('[data-testid="feed-kit"]')) {
    const captions = JSON.parse(card.dataset.captions || "[]");
    const captionBox = card.querySelector('[data-testid="feed-caption"]');
    const counter = card.querySelector("[data-caption-count]");
    const link = card.dataset.link;
    let index = 0;
    const text = () => `${captions[index] ?? ""}\n${link}`;

    const nativeButton = card.querySelector('[data-action="native"]');
    if (nativeShare && nativeButton) {
      nativeButton.hidden = false;
    }

    card.addEventListener("click", async (event) => {
      const target = event.target instanceof Element ? event.target.closest("[data-action]") : null;
      if (!target) {
        return;
      }
      const action = target.getAttribute("data-action");
      if (action === "next-caption") {
        index = (index + 1) % captions.length;
        captionBox.textContent = captions[index];
        const position = `(${index + 1}/${captions.length})`;
        if (counter) {
          counter.textContent = position;
        }
        target.setAttribute("aria-label", `${messages.nextCaption} ${position}`);
      } else if (action === "native") {
        try {
          await navigator.share({ title: card.dataset.title, text: captions[index], url: link });
          // An app was chosen; whether the post went out, the member says.
          say(card, messages.sheetClosed);
          askConfirmation(card, "native");
        } catch {
          // Closed the share sheet: nothing was shared.
        }
      } else if (action === "zalo" || action === "copy") {
        if (await copyText(text())) {
          say(card, action === "zalo" ? messages.zaloHint : messages.copied);
          askConfirmation(card, action);
        } else {
          say(card, messages.copyFailed);
        }
      } else if (action === "facebook") {
        // The link itself opens Facebook's dialog in a new tab; the question waits here for their return.
        say(card, messages.facebookOpened);
        askConfirmation(card, "facebook");
      } else if (action === "confirm") {
        await setShared(card, card.dataset.pendingMethod || "other");
      } else if (action === "not-yet") {
        closeConfirmation(card);
        say(card, "");
      } else if (action === "mark") {
        await setShared(card, "other");
      } else if (action === "unmark") {
        await setShared(card, null);
      }
    });
  }

  // For the slow-network benchmark: from now on the buttons work.
  window.__feedScriptReady = performance.now();
})();

// Save while typing (issue 13). Streamlit's text area sends its text only when the field is
// left or on Ctrl+Enter, so a closed tab, a menu click or a lost network lost everything typed
// since. This installs once per browser tab and, for the autosaving fields (keys "w:…"),
//  * commits the text 800 ms after the last keystroke (Streamlit's own Ctrl+Enter commit, so
//    the field keeps focus and the cursor stays where it is);
//  * commits at once before any click elsewhere (pointerdown comes before the blur and the
//    click, so a menu click is no longer swallowed by the field's late blur commit);
//  * commits when the tab is hidden or closed.
// Fields inside a form are left alone: there Ctrl+Enter submits the form.
export default function () {
  if (window.__lisesLiveText) return;
  window.__lisesLiveText = true;
  const WAIT_MS = 800;
  const pending = new Map();

  const autosaving = (el) =>
    el instanceof HTMLTextAreaElement &&
    !el.disabled &&
    !el.closest('[data-testid="stForm"]') &&
    !!el.closest('[class*="st-key-w-"]');

  let committedAt = -1e9;
  const commit = (el) => {
    clearTimeout(pending.get(el));
    pending.delete(el);
    if (!el.isConnected) return;
    committedAt = performance.now();
    el.dispatchEvent(
      new KeyboardEvent("keydown", {
        key: "Enter",
        code: "Enter",
        keyCode: 13,
        which: 13,
        ctrlKey: true,
        bubbles: true,
        cancelable: true,
      }),
    );
  };
  const flush = () => {
    for (const el of [...pending.keys()]) commit(el);
  };

  document.addEventListener(
    "input",
    (event) => {
      const el = event.target;
      if (!autosaving(el)) return;
      clearTimeout(pending.get(el));
      pending.set(el, setTimeout(() => commit(el), WAIT_MS));
    },
    true,
  );
  document.addEventListener(
    "pointerdown",
    (event) => {
      if (!pending.size) return;
      for (const el of [...pending.keys()]) if (el !== event.target) commit(el);
    },
    true,
  );
  // A page link clicked right after a commit: Streamlit would fold the commit's rerun (for
  // this page) and the navigation into one run of this page, and the click would be lost.
  // The click waits until the commit's run is over, then happens again.
  const scriptState = () =>
    document.querySelector('[data-testid="stApp"]')?.getAttribute("data-test-script-state");
  let replaying = false;
  document.addEventListener(
    "click",
    (event) => {
      if (replaying || performance.now() - committedAt > 2000) return;
      const link = event.target.closest?.(
        'a[data-testid="stSidebarNavLink"], [data-testid="stPageLink"] a',
      );
      if (!link) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const started = performance.now();
      let seenRunning = false;
      const poll = () => {
        const state = scriptState();
        seenRunning ||= state === "running";
        const idle = state === "notRunning" && (seenRunning || performance.now() - started > 600);
        if (!idle && performance.now() - started < 8000) return setTimeout(poll, 40);
        committedAt = -1e9;
        replaying = true;
        try {
          link.click();
        } finally {
          replaying = false;
        }
      };
      setTimeout(poll, 40);
    },
    true,
  );
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
  window.addEventListener("beforeunload", flush);
}

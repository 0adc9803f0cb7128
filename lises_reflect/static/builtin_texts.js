// Streamlit's own texts in the reader's language (issue 16). Streamlit's frontend draws some
// texts in English that no parameter changes: the file upload's "Drag and drop a file here",
// "Upload" and "3MB per file", the dataframe's and charts' toolbars ("Download as CSV",
// "Search", "Fullscreen"), a choice list's "No results" and "Clear all", "Press Enter to
// apply", the sidebar's "Collapse sidebar", "Running...". This runs in the page itself (a
// components.v2 component without style isolation runs in the app's document) and, while the
// language is Danish, puts the Danish text in their place: text nodes and the aria-label,
// title and placeholder attributes that screen readers read.
//
// The dictionary is data (the `builtin` group of the strings files, via i18n.builtin_texts),
// passed on every run. Only exact, known texts inside Streamlit's own widgets are replaced
// (and the "{size} per file" pattern): never text a person typed. Switched back to English,
// every text replaced here gets its original again. <html lang> follows the language.
const SCOPES = [
  "stFileUploader",
  "stMultiSelect",
  "stSelectbox",
  "stDataFrame",
  "stElementToolbar",
  "stVegaLiteChart",
  "stArrowVegaLiteChart",
  "stSidebarCollapseButton",
  "stExpandSidebarButton",
  "stSidebarCollapsedControl",
  "stStatusWidget",
  "stToolbar",
  "stMainMenu",
  "stTooltipContent",
  "stTooltipHoverTarget",
  "stTooltipIcon",
  "InputInstructions",
  "stTextInput",
  "stTextArea",
  "stNumberInput",
  "stDateInput",
  "stSelectboxVirtualDropdown",
  "stSkipToContent",
  "stSidebar", // its own aria-label and the menu's ("App pages"); exact texts only
  "stSidebarNav",
  "stTopNav",
]
const SCOPE = [
  ...SCOPES.map((id) => `[data-testid="${id}"]`),
  '[data-baseweb="popover"]', // a choice list's open dropdown, drawn outside the widget
  '[role="listbox"]',
  '[role="tooltip"]',
].join(",");
const ATTRIBUTES = ["aria-label", "title", "placeholder"];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// "{size} per file" -> /^(.+?) per file$/ and the names in the order they are caught.
const compile = ([source, target]) => {
  const names = [];
  const body = source
    .split(/(\{[a-z_]+\})/)
    .map((part) => {
      const m = /^\{([a-z_]+)\}$/.exec(part);
      if (!m) return escapeRegExp(part);
      names.push(m[1]);
      return "(.+?)";
    })
    .join("");
  return { regexp: new RegExp(`^${body}$`), names, target };
};

export default function ({ data }) {
  const state = (window.__lisesBuiltinTexts ||= {
    original: new WeakMap(), // node or element -> {key: [English, shown]}
    touched: new Set(),
  });
  state.lang = data.lang;
  state.texts = new Map(Object.entries(data.texts || {}));
  state.patterns = (data.patterns || []).map(compile);
  document.documentElement.lang = data.lang;

  const translated = (text) => {
    const trimmed = text.trim();
    if (!trimmed) return null;
    let out = state.texts.get(trimmed);
    if (out === undefined) {
      for (const p of state.patterns) {
        const m = p.regexp.exec(trimmed);
        if (!m) continue;
        out = p.target;
        p.names.forEach((name, i) => {
          // a number in the reader's way: 2.5MB -> 2,5MB in Danish
          const value = state.lang === "da" ? m[i + 1].replace(/(\d)\.(\d)/g, "$1,$2") : m[i + 1];
          out = out.replace(`{${name}}`, value);
        });
        break;
      }
    }
    if (out === undefined || out === trimmed) return null;
    return text.replace(trimmed, out);
  };

  const remember = (target, key, english, shown) => {
    let kept = state.original.get(target);
    if (!kept) state.original.set(target, (kept = {}));
    kept[key] = [english, shown];
    state.touched.add(target);
  };

  const inScope = (el) => !!el && !!el.closest && !!el.closest(SCOPE);

  const doText = (node) => {
    if (!inScope(node.parentElement)) return;
    const out = translated(node.nodeValue);
    if (out === null) return;
    remember(node, "#text", node.nodeValue, out);
    node.nodeValue = out;
  };

  const doAttributes = (el) => {
    if (!inScope(el)) return;
    for (const name of ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const out = translated(value);
      if (out === null) continue;
      remember(el, name, value, out);
      el.setAttribute(name, out);
    }
  };

  const walk = (root) => {
    if (state.lang === "en") return;
    if (root.nodeType === Node.TEXT_NODE) {
      doText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    doAttributes(root);
    const elements = root.querySelectorAll("[aria-label],[title],[placeholder]");
    for (const el of elements) doAttributes(el);
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = texts.nextNode(); n; n = texts.nextNode()) doText(n);
  };

  // Back to English: what was replaced here, and is still as it was left, gets its original.
  const restore = () => {
    for (const target of [...state.touched]) {
      const kept = state.original.get(target);
      state.touched.delete(target);
      if (!kept || !target.isConnected) continue;
      for (const [key, [english, shown]] of Object.entries(kept)) {
        if (key === "#text") {
          if (target.nodeValue === shown) target.nodeValue = english;
        } else if (target.getAttribute(key) === shown) {
          target.setAttribute(key, english);
        }
      }
      state.original.delete(target);
    }
  };

  if (!state.observer) {
    state.observer = new MutationObserver((mutations) => {
      if (state.lang === "en") return;
      for (const m of mutations) {
        if (m.type === "childList") m.addedNodes.forEach(walk);
        else if (m.type === "characterData") doText(m.target);
        else if (m.type === "attributes") doAttributes(m.target);
      }
    });
    state.observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES,
    });
  }
  if (state.lang === "en") restore();
  else walk(document.body);
}

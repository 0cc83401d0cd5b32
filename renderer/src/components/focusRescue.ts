/**
 * Focus rescue: when the element that had focus disappears (the "Ändra" button replaced by its
 * form, a quarantine card removed after "Validera igen", a report replacing the import form),
 * the browser drops focus to <body>: a keyboard user's next Tab starts from the top of the page
 * and a screen reader loses its place. This moves focus to what took the element's place, in the
 * nearest part of the page that is still there: an error (role=alert), else a status message,
 * else the first form field, else the first button or link — or that part itself.
 * Only a lost focus is rescued: focus a component moved on purpose is left alone.
 */
const FIELD = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])';
const FOCUSABLE = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

function visible(el: Element): boolean {
  const r = (el as HTMLElement).getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

function firstVisible(container: Element, selector: string): HTMLElement | null {
  for (const el of container.querySelectorAll<HTMLElement>(selector)) if (visible(el)) return el;
  return null;
}

/** Where focus goes inside `container`, whose focused descendant was just removed. */
export function rescueTarget(container: Element): HTMLElement {
  const message = firstVisible(container, '[role=alert]') ?? [...container.querySelectorAll<HTMLElement>('[role=status]')].find((s) => visible(s) && s.textContent?.trim());
  if (message) return message;
  return firstVisible(container, FIELD) ?? firstVisible(container, FOCUSABLE) ?? (container as HTMLElement);
}

export function installFocusRescue(doc: Document = document): () => void {
  // The last focused element and its ancestors (removing a focused element fires no focusout in
  // Chromium, so loss is detected from the DOM changes that follow), and the route it was on.
  let last: { el: Element; ancestors: Element[]; hash: string } | null = null;
  const onFocusIn = (e: FocusEvent) => {
    const el = e.target as Element;
    if (!(el instanceof Element) || el === doc.body) return;
    const ancestors: Element[] = [];
    for (let a = el.parentElement; a && a !== doc.body; a = a.parentElement) ancestors.push(a);
    last = { el, ancestors, hash: doc.location?.hash ?? '' };
  };
  const check = () => {
    if (!last || last.el.isConnected) return;
    const lostFrom = last;
    last = null;
    if (doc.activeElement && doc.activeElement !== doc.body) return; // focus is somewhere: not lost
    if ((doc.location?.hash ?? '') !== lostFrom.hash) return; // a new page: App focuses its heading
    const container = lostFrom.ancestors.find((a) => a.isConnected);
    if (!container) return;
    const to = rescueTarget(container);
    if (!to.matches(`${FIELD}, ${FOCUSABLE}`) && !to.hasAttribute('tabindex')) to.setAttribute('tabindex', '-1');
    to.focus();
  };
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled || !last || last.el.isConnected) return;
    scheduled = true;
    // after React has committed everything that replaces the element
    requestAnimationFrame(() => {
      scheduled = false;
      check();
    });
  });
  doc.addEventListener('focusin', onFocusIn);
  observer.observe(doc.body, { childList: true, subtree: true });
  return () => {
    doc.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}

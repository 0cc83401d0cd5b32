import { useEffect } from 'react';

const MARK = 'data-scroll-region';

/**
 * WCAG 2.1.1 (keyboard): a table container that scrolls sideways must be reachable with Tab so that
 * keyboard users can scroll it with the arrow keys. Every `.table-wrap` whose content overflows gets
 * tabindex="0" and role="region" named after its table's caption (removed again when it fits), also
 * after a resize or at 200 % zoom. Containers that set their own tabindex/role are left alone.
 */
export function useScrollableRegions(): void {
  useEffect(() => {
    const update = (el: HTMLElement) => {
      const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      const ours = el.hasAttribute(MARK);
      if (overflows && !ours && !el.hasAttribute('tabindex')) {
        el.setAttribute(MARK, '');
        el.tabIndex = 0;
        if (!el.hasAttribute('role')) {
          el.setAttribute('role', 'region');
          const caption = el.querySelector('caption')?.textContent?.trim();
          el.setAttribute('aria-label', caption ? `${caption} (rulla i sidled med piltangenterna)` : 'Tabell (rulla i sidled med piltangenterna)');
        }
      } else if (!overflows && ours) {
        el.removeAttribute(MARK);
        el.removeAttribute('tabindex');
        if (el.getAttribute('role') === 'region') {
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    const watched = new WeakSet<Element>();
    const resize = new ResizeObserver((entries) => entries.forEach((e) => update(e.target as HTMLElement)));
    let pending = 0;
    const scan = () => {
      pending = 0;
      document.querySelectorAll<HTMLElement>('.table-wrap').forEach((el) => {
        if (!watched.has(el)) {
          watched.add(el);
          resize.observe(el);
        }
        update(el);
      });
    };
    const schedule = () => {
      if (!pending) pending = requestAnimationFrame(scan);
    };
    const mutations = new MutationObserver(schedule);
    mutations.observe(document.body, { childList: true, subtree: true, characterData: true });
    window.addEventListener('resize', schedule);
    scan();
    return () => {
      mutations.disconnect();
      resize.disconnect();
      window.removeEventListener('resize', schedule);
      if (pending) cancelAnimationFrame(pending);
    };
  }, []);
}

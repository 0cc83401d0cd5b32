import { useEffect, useState } from 'react';
import { askBeforeLeaving, hasUnsavedChanges } from './components/unsaved';

/** Hash routes: #/oversikt, #/avvikelser/12 … (works the same under app:// and http://). */
export interface Route {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

function parse(): Route {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [p, q] = raw.split('?');
  const path = p && p.startsWith('/') ? p : '/';
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(parse);
  useEffect(() => {
    let current = window.location.hash;
    const on = (e: HashChangeEvent) => {
      const next = window.location.hash;
      const samePage = next.split('?')[0] === current.split('?')[0];
      if (!samePage && hasUnsavedChanges()) {
        // keep the page (and its typed text); ask first (components/unsaved.tsx)
        window.history.replaceState(window.history.state, '', new URL(e.oldURL).href);
        askBeforeLeaving(next);
        return;
      }
      current = next;
      setRoute(parse());
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function navigate(path: string, query?: Record<string, string | number | undefined | null>): void {
  const qs = query
    ? Object.entries(query)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&')
    : '';
  window.location.hash = `#${path}${qs ? `?${qs}` : ''}`;
}

export function href(path: string, query?: Record<string, string | number | undefined | null>): string {
  const qs = query
    ? Object.entries(query)
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&')
    : '';
  return `#${path}${qs ? `?${qs}` : ''}`;
}

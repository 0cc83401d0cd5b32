import { installFocusRescue } from './components/focusRescue';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, ApiError } from './api/client';
import type { WorkspaceInfo } from '../../shared/api/workspace';
import { WorkspaceCtx } from './workspace-context';
import { navItems } from './nav';
import { useRoute, href } from './router';
import { ErrorMessage, Loading } from './components/ui';
import { WorkspacePicker } from './features/workspace/WorkspacePicker';
import { routes } from './routes';
import { ReportPrintRoute } from './report/PrintRoute';
import { useScrollableRegions } from './components/scrollRegions';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { UnsavedChangesDialog } from './components/unsaved';

export function App() {
  const route = useRoute();
  useScrollableRegions();
  // The report's print route renders without the app chrome (printed to PDF).
  if (route.path === '/rapport/utskrift') return <ReportPrintRoute route={route} />;
  return <AppShell />;
}

function AppShell() {
  const [info, setInfo] = useState<WorkspaceInfo | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const route = useRoute();

  const refresh = useCallback(() => {
    call('workspace.current', {}).then(setInfo, (e: ApiError) => setError(e));
  }, []);

  useEffect(() => {
    (async () => {
      try {
        const current = await call('workspace.current', {});
        if (current) return setInfo(current);
        const recent = await call('workspace.recent', {});
        // First start: show a living app at once with the demo workspace.
        if (recent.length === 0) return setInfo(await call('workspace.openDemo', {}));
        setInfo(null);
      } catch (e) {
        setError(e as ApiError);
        setInfo(null);
      }
    })();
  }, []);

  // Focus that is lost because its element disappeared goes to what took its place.
  useEffect(() => installFocusRescue(), []);

  // Move focus to the page heading on navigation (screen readers announce the new page).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Detail pages show their heading once their data has loaded: wait for it (a few seconds at most).
    const title = document.getElementById('page-title');
    if (title) return title.focus();
    const observer = new MutationObserver(() => {
      const t = document.getElementById('page-title');
      if (!t) return;
      observer.disconnect();
      // only if the user has not moved on by themselves meanwhile
      if (document.activeElement === document.body || document.activeElement === null) t.focus();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [route.path]);

  if (info === undefined) return <Loading label="Startar Samsyn …" />;
  if (info === null || route.path === '/arbetsyta') {
    return (
      <div className="app app-picker">
        <SkipLink />
        <main id="main" tabIndex={-1}>
          <ErrorMessage error={error} onDismiss={() => setError(null)} />
          <WorkspacePicker
            current={info}
            onOpened={(w) => {
              setInfo(w);
              window.location.hash = '#/oversikt';
            }}
          />
        </main>
      </div>
    );
  }

  const active = navItems.find((n) => route.path === n.path || route.path.startsWith(`${n.path}/`)) ?? navItems[0]!;
  const Page = routes(route);
  return (
    <WorkspaceCtx.Provider value={{ info, refresh }}>
      <div className="app">
        <SkipLink />
        <header className="topbar">
          <div className="brand">
            <span className="logo" aria-hidden="true">
              S
            </span>
            <span>Samsyn</span>
          </div>
          <div className="workspace-name">
            <span className="muted">Arbetsyta:</span> <strong>{info.fileName}</strong> · {info.settings.delregionName}
            {info.isDemo ? <span className="badge">Demo</span> : null}
            <a className="button-link small" href={href('/arbetsyta')}>
              Byt arbetsyta
            </a>
          </div>
        </header>
        <div className="layout">
          <nav className="sidenav" aria-label="Huvudmeny">
            <ul>
              {navItems.map((n) => (
                <li key={n.path}>
                  <a href={href(n.path)} aria-current={n === active ? 'page' : undefined}>
                    {n.label}
                    {n.path === '/import' && info.counts.quarantineOpen > 0 ? (
                      <span className="count-badge" aria-label={`${info.counts.quarantineOpen} rader i karantän`}>
                        {info.counts.quarantineOpen}
                      </span>
                    ) : null}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" tabIndex={-1}>
            <ErrorMessage error={error} onDismiss={() => setError(null)} />
            <PageErrorBoundary resetKey={`${route.path}?${route.query.toString()}`}>{Page}</PageErrorBoundary>
          </main>
          <UnsavedChangesDialog />
        </div>
      </div>
    </WorkspaceCtx.Provider>
  );
}

/**
 * "Hoppa till innehållet": moves focus to <main> without touching the URL (the app routes on the
 * hash, so a plain href="#main" would leave the current page).
 */
function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        const main = document.getElementById('main');
        main?.focus();
        main?.scrollIntoView({ block: 'start' });
      }}
    >
      Hoppa till innehållet
    </a>
  );
}

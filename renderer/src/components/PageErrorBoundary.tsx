import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Changes with the route: a new page starts without the old error. */
  resetKey: string;
  children: ReactNode;
}
interface State {
  error: Error | null;
  key: string;
}

/**
 * A page that fails while rendering shows a Swedish message in its place — the menu stays and
 * another page (or the same page with other input) works again — instead of a blank window.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Sidan kunde inte visas:', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card" role="alert">
        <h1 id="page-title" tabIndex={-1}>
          Sidan kunde inte visas
        </h1>
        <p>
          Något i sidans adress eller data gick inte att visa ({this.state.error.message || 'okänt fel'}). Ingenting har ändrats i arbetsytan.
        </p>
        <p>
          <a href="#/oversikt">Gå till översikten</a> eller välj en annan sida i menyn.
        </p>
      </div>
    );
  }
}

import { Session, type Workspace } from './session';
import { JobRegistry } from './jobs';

/** Everything a handler may use. The shells build one per process. */
export interface CoreContext {
  session: Session;
  jobs: JobRegistry;
  /** The open workspace, or a NO_WORKSPACE UserError. */
  ws(): Workspace;
  /** Today's date for validation ("not in the future"); injectable for tests. */
  now(): Date;
}

export function createContext(opts: { appDataDir: string; now?: () => Date }): CoreContext {
  const session = new Session(opts.appDataDir);
  return {
    session,
    jobs: new JobRegistry(),
    ws: () => session.require(),
    now: opts.now ?? (() => new Date()),
  };
}

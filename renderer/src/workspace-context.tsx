import { createContext, useContext } from 'react';
import type { WorkspaceInfo } from '../../shared/api/workspace';

export interface WorkspaceState {
  info: WorkspaceInfo;
  /** Reload the workspace info (counts, settings) after a change. */
  refresh(): void;
}

export const WorkspaceCtx = createContext<WorkspaceState | null>(null);

export function useWorkspace(): WorkspaceState {
  const ws = useContext(WorkspaceCtx);
  if (!ws) throw new Error('useWorkspace utanför en öppen arbetsyta');
  return ws;
}

import { createWorkspace } from '../workspace/workspace';
import type { OpenedWorkspace } from '../db/open-workspace';

export interface DemoOptions {
  delregionId: string;
  seed: number;
  /** The demo's "today": data runs up to the month before. */
  today: Date;
}

/** Builds the demo workspace (deterministic for a seed). */
export async function buildDemoWorkspace(file: string, opts: DemoOptions): Promise<OpenedWorkspace> {
  const ws = await createWorkspace(file, { delregionId: opts.delregionId, userName: 'Demoanvändare' });
  return ws;
}

import crypto from 'node:crypto';
import type { JobState } from '../../shared/api/jobs';
import { UserError } from './errors';
import { toApiError } from './error-mapping';

export interface JobControl {
  /** Aborted when the user cancels. Long work checks it between chunks. */
  signal: AbortSignal;
  report(p: { progress?: number | null; message?: string; rowsDone?: number | null }): void;
}

interface Job {
  state: JobState;
  controller: AbortController;
  startedMs: number;
  promise: Promise<unknown>;
}

/** Long-running work (imports, reports) with progress, rows/s and cancel. Finished jobs are kept briefly. */
export class JobRegistry {
  private jobs = new Map<string, Job>();

  start<T>(kind: string, work: (ctl: JobControl) => Promise<T>): JobState {
    const id = crypto.randomUUID();
    const controller = new AbortController();
    const startedMs = Date.now();
    const state: JobState = {
      id,
      kind,
      state: 'running',
      progress: 0,
      message: 'Startar …',
      rowsDone: null,
      rowsPerSecond: null,
      startedAt: new Date(startedMs).toISOString(),
    };
    const ctl: JobControl = {
      signal: controller.signal,
      report: (p) => {
        if (p.progress !== undefined) state.progress = p.progress;
        if (p.message !== undefined) state.message = p.message;
        if (p.rowsDone !== undefined) {
          state.rowsDone = p.rowsDone;
          const secs = (Date.now() - startedMs) / 1000;
          state.rowsPerSecond = p.rowsDone != null && secs > 0 ? Math.round(p.rowsDone / secs) : null;
        }
      },
    };
    const job: Job = { state, controller, startedMs, promise: Promise.resolve() };
    this.jobs.set(id, job);
    job.promise = (async () => {
      // let the caller receive the job id before work starts
      await new Promise((r) => setImmediate(r));
      try {
        const result = await work(ctl);
        if (controller.signal.aborted) {
          state.state = 'cancelled';
          state.message = 'Avbrutet – ingenting sparades.';
        } else {
          state.state = 'done';
          state.progress = 1;
          state.result = result;
          if (state.message === 'Startar …') state.message = 'Klart';
        }
      } catch (e) {
        if (controller.signal.aborted) {
          state.state = 'cancelled';
          state.message = 'Avbrutet – ingenting sparades.';
        } else {
          state.state = 'failed';
          state.error = toApiError(e);
          state.message = state.error.message;
        }
      }
      this.prune();
    })();
    return { ...state };
  }

  get(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) throw new UserError('Arbetet finns inte (det kan redan vara avslutat).', 'NOT_FOUND');
    return { ...job.state };
  }

  cancel(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) throw new UserError('Arbetet finns inte (det kan redan vara avslutat).', 'NOT_FOUND');
    if (job.state.state === 'running') {
      job.controller.abort();
      job.state.message = 'Avbryter …';
    }
    return { ...job.state };
  }

  /** Waits for a job (used by tests and the CLI). */
  async wait(id: string): Promise<JobState> {
    const job = this.jobs.get(id);
    if (!job) throw new UserError('Arbetet finns inte.', 'NOT_FOUND');
    await job.promise;
    return { ...job.state };
  }

  private prune(): void {
    const done = [...this.jobs.values()].filter((j) => j.state.state !== 'running');
    for (const j of done.slice(0, Math.max(0, done.length - 50))) this.jobs.delete(j.state.id);
  }
}

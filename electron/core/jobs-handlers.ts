import type { HandlerMap } from '../../shared/api/contract';
import type { jobMethods } from '../../shared/api/jobs';
import type { CoreContext } from './context';

export function createJobHandlers(ctx: CoreContext): HandlerMap<typeof jobMethods> {
  return {
    'jobs.get': ({ id }) => ctx.jobs.get(id),
    'jobs.cancel': ({ id }) => ctx.jobs.cancel(id),
  };
}

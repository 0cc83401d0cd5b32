import type { Handlers } from '../../shared/api/contract';
import type { CoreContext } from './context';
import { createWorkspaceHandlers } from './workspace/handlers';
import { createJobHandlers } from './jobs-handlers';
import { createImportHandlers } from './import/handlers';
import { createIndicatorHandlers } from './indicators/handlers';
import { createCaseHandlers } from './cases/handlers';
import { createPrecedentHandlers } from './precedents/handlers';
import { createLibraryHandlers } from './precedents/library-handlers';
import { createReportHandlers } from './reports/handlers';

/** Implements every method of shared/api for the given context. */
export function createHandlers(ctx: CoreContext): Handlers {
  return {
    ...createWorkspaceHandlers(ctx),
    ...createJobHandlers(ctx),
    ...createImportHandlers(ctx),
    ...createIndicatorHandlers(ctx),
    ...createCaseHandlers(ctx),
    ...createPrecedentHandlers(ctx),
    ...createLibraryHandlers(ctx),
    ...createReportHandlers(ctx),
  };
}

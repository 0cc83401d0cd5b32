import type { HandlerMap } from '../../../shared/api/contract';
import type { reportMethods } from '../../../shared/api/reports';
import type { CoreContext } from '../context';

export function createReportHandlers(_ctx: CoreContext): HandlerMap<typeof reportMethods> {
  return {};
}

import type { HandlerMap } from '../../../shared/api/contract';
import type { indicatorMethods } from '../../../shared/api/indicators';
import type { CoreContext } from '../context';

export function createIndicatorHandlers(_ctx: CoreContext): HandlerMap<typeof indicatorMethods> {
  return {};
}

import type { HandlerMap } from '../../../shared/api/contract';
import type { caseMethods } from '../../../shared/api/cases';
import type { CoreContext } from '../context';

export function createCaseHandlers(_ctx: CoreContext): HandlerMap<typeof caseMethods> {
  return {};
}

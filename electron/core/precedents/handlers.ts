import type { HandlerMap } from '../../../shared/api/contract';
import type { precedentMethods } from '../../../shared/api/precedents';
import type { CoreContext } from '../context';

export function createPrecedentHandlers(_ctx: CoreContext): HandlerMap<typeof precedentMethods> {
  return {};
}

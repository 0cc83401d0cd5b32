import type { HandlerMap } from '../../../shared/api/contract';
import type { importMethods } from '../../../shared/api/imports';
import type { CoreContext } from '../context';

export function createImportHandlers(_ctx: CoreContext): HandlerMap<typeof importMethods> {
  return {};
}

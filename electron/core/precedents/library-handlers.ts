import type { HandlerMap } from '../../../shared/api/contract';
import type { libraryMethods } from '../../../shared/api/library';
import type { CoreContext } from '../context';

export function createLibraryHandlers(_ctx: CoreContext): HandlerMap<typeof libraryMethods> {
  return {};
}

import type { IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './window';
import type { Dispatch } from '../transport/dispatch';

/** Only frames of our own app origin may call the API. Pure: unit-tested. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

export function createIpcHandler(dispatch: Dispatch) {
  return async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Anropet kom inte från Samsyns eget fönster.' } };
    }
    return dispatch(typeof method === 'string' ? method : '', input);
  };
}

/** The one channel the preload uses. */
export const API_CHANNEL = 'api:invoke';

/** Installs the API handler on ipcMain (Electron's, or a fake in tests). */
export function registerIpc(ipcMain: { handle(channel: string, listener: ReturnType<typeof createIpcHandler>): void }, dispatch: Dispatch): void {
  ipcMain.handle(API_CHANNEL, createIpcHandler(dispatch));
}

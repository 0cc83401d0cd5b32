import { contextBridge, ipcRenderer } from 'electron';

/** The only thing the renderer gets: invoke(method, input) over the one channel 'api:invoke'. */
contextBridge.exposeInMainWorld('samsyn', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('api:invoke', method, input),
});

import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/api/contract';
import { resultEnvelopeSchema, type ApiError as ApiErrorShape } from '../../../shared/api/result';

/** An error from the core, with its code (travels as data across IPC and HTTP). */
export class ApiError extends Error {
  readonly code: ApiErrorShape['code'];
  readonly details?: unknown;
  constructor(e: ApiErrorShape) {
    super(e.message);
    this.code = e.code;
    this.details = e.details;
  }
}

export interface Transport {
  readonly name: 'ipc' | 'http';
  invoke(method: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload: nothing but invoke. */
    samsyn?: { invoke(method: string, input: unknown): Promise<unknown> };
  }
}

const TOKEN_KEY = 'samsyn.token';

/** Browser mode: the token comes in the URL fragment once (#token=…), then lives in sessionStorage. */
export function takeTokenFromLocation(): string | null {
  const m = /^#token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function ipcTransport(bridge: NonNullable<Window['samsyn']>): Transport {
  return { name: 'ipc', invoke: (method, input) => bridge.invoke(method, input) };
}

export function httpTransport(token: string | null): Transport {
  return {
    name: 'http',
    invoke: async (method, input) => {
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'x-samsyn-token': token ?? '' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'Samsyn svarar inte. Kontrollera att programmet fortfarande är igång.' } };
      }
      return res.json();
    },
  };
}

/** IPC when the Electron preload is present, HTTP otherwise. */
export function pickTransport(): Transport {
  if (window.samsyn && typeof window.samsyn.invoke === 'function') return ipcTransport(window.samsyn);
  return httpTransport(takeTokenFromLocation());
}

let transport: Transport | null = null;

export function setTransport(t: Transport): void {
  transport = t;
}

/** Calls a method of the contract; the answer is parsed by the method's zod schema. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  transport ??= pickTransport();
  const raw = await transport.invoke(method, input);
  const envelope = resultEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw new ApiError({ code: 'INTERNAL', message: 'Oväntat svar från Samsyn.' });
  if (!envelope.data.ok) throw new ApiError(envelope.data.error);
  const parsed = contract[method].output.safeParse(envelope.data.data);
  if (!parsed.success) throw new ApiError({ code: 'INTERNAL', message: `Svaret från ${method} följer inte kontraktet.` });
  return parsed.data as MethodOutput<M>;
}

export const api = { call };

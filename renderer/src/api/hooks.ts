import { useCallback, useEffect, useRef, useState } from 'react';
import { call, ApiError } from './client';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';

export interface Query<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** Calls a method when the input changes (compared as JSON) and keeps the latest answer. */
export function useApi<M extends MethodName>(method: M, input: MethodInput<M> | null): Query<MethodOutput<M>> {
  const [state, setState] = useState<{ data?: MethodOutput<M>; error: ApiError | null; loading: boolean }>({ error: null, loading: input !== null });
  const [tick, setTick] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  const seq = useRef(0);
  useEffect(() => {
    if (key === null) return;
    const my = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    call(method, JSON.parse(key) as MethodInput<M>).then(
      (data) => my === seq.current && setState({ data, error: null, loading: false }),
      (e: unknown) =>
        my === seq.current &&
        setState((s) => ({ data: s.data, error: e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }), loading: false })),
    );
  }, [method, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A mutation: returns run(input) and its state. */
export function useAction<M extends MethodName>(method: M) {
  const [state, setState] = useState<{ busy: boolean; error: ApiError | null }>({ busy: false, error: null });
  const run = useCallback(
    async (input: MethodInput<M>): Promise<MethodOutput<M> | undefined> => {
      setState({ busy: true, error: null });
      try {
        const out = await call(method, input);
        setState({ busy: false, error: null });
        return out;
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) });
        setState({ busy: false, error: err });
        return undefined;
      }
    },
    [method],
  );
  return { run, ...state, clearError: () => setState((s) => ({ ...s, error: null })) };
}

import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  /** The last value loaded; kept while reloading, so a background refresh never blanks the page. */
  data: T | undefined;
  /** The last load's error (ApiError), cleared by the next success. */
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * Loads data for a page and reloads it on demand. `load` must be stable (useCallback); a new `load` (other
 * arguments) loads again. Answers that arrive after a newer load started are dropped, so a slow answer never
 * overwrites a newer one.
 */
export function useLoader<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setState((current) => ({ ...current, loading: true }));
    try {
      const data = await load();
      if (call === latest.current) setState({ data, error: undefined, loading: false });
    } catch (error) {
      if (call === latest.current) setState((current) => ({ data: current.data, error, loading: false }));
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { ...state, reload };
}

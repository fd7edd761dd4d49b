import { useCallback, useEffect, useRef, useState } from 'react';
import { useAutoRefresh } from '../../hooks/use-auto-refresh';

export interface LiveData<T> {
  /** The latest answer; kept while a newer one loads, so tables don't flash. */
  data: T | undefined;
  /** The last load's failure (cleared by the next success). */
  error: unknown;
  /** True until the first answer (or failure) for the current key arrived. */
  loading: boolean;
  /** Loads again now; resolves when done. */
  reload(): Promise<void>;
}

/**
 * Loads data for `key` (a string naming what is shown: filters, page…) and keeps it fresh: again whenever `key`
 * changes, and through useAutoRefresh when the window regains focus, the tab becomes visible, and every 30 s (or
 * `intervalMs`) while visible. Answers that arrive after a newer request started are dropped.
 */
export function useLiveData<T>(key: string, load: () => Promise<T>, options: { intervalMs?: number } = {}): LiveData<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: unknown }>({ key: null, data: undefined, error: undefined });

  const run = useCallback(async (forKey: string) => {
    const requestId = ++latest.current;
    try {
      const data = await loadRef.current();
      if (requestId === latest.current) setState({ key: forKey, data, error: undefined });
    } catch (error) {
      if (requestId === latest.current) setState((current) => ({ key: forKey, data: current.data, error }));
    }
  }, []);

  useEffect(() => {
    void run(key);
  }, [key, run]);

  const reload = useCallback(() => run(key), [key, run]);
  useAutoRefresh(reload, options.intervalMs);
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}

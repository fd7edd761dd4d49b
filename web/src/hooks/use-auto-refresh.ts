import { useEffect, useRef } from 'react';

/** Refreshes at least this often on list pages (issue #4 §5). */
export const REFRESH_INTERVAL_MS = 30_000;
/** Focus and visibility events often come in pairs; one refresh is enough. */
const MIN_GAP_MS = 1_000;

/**
 * Calls `refresh` when the window regains focus or the tab becomes visible again, and every `intervalMs` while the
 * tab is visible, so a page left open shows what changed meanwhile.
 */
export function useAutoRefresh(refresh: () => unknown, intervalMs: number = REFRESH_INTERVAL_MS): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });

  useEffect(() => {
    let last = Date.now();
    const run = () => {
      if (document.visibilityState !== 'visible' || Date.now() - last < MIN_GAP_MS) return;
      last = Date.now();
      void latest.current();
    };
    const timer = window.setInterval(run, intervalMs);
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', run);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', run);
    };
  }, [intervalMs]);
}

import { useEffect, useState } from 'preact/hooks';

/** Loads data for a view; reloads when `key` changes and every `refreshMs` if given. */
export function useData<T>(load: () => Promise<T>, key: unknown[], refreshMs?: number) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: true,
  });
  useEffect(() => {
    let live = true;
    const run = () =>
      load().then(
        (data) => live && setState({ data, loading: false }),
        (error) => live && setState({ error, loading: false }),
      );
    void run();
    const timer = refreshMs ? setInterval(run, refreshMs) : undefined;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, key);
  return state;
}

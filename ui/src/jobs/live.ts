// An endpoint's answer kept fresh while a tab is open, and read again at once after an action
// (a cancel, a saved template): `useGet` re-reads on a timer only.
import { useCallback, useEffect, useRef, useState } from "react";

export type Live<T> = { data?: T; error?: string; reload: () => void };

export function useLive<T>(load: () => Promise<T>, everyS: number): Live<T> {
  const loader = useRef(load);
  loader.current = load; // the newest closure: its arguments may have changed
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const reload = useCallback(() => {
    loader
      .current()
      .then((data) => setState({ data }))
      .catch((e: Error) => setState((s) => ({ ...s, error: e.message })));
  }, []);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, everyS * 1000);
    return () => clearInterval(timer);
  }, [reload, everyS]);
  return { ...state, reload };
}

// The data hook: how a screen gets what it shows from the server. A screen
// names an async loader, the values it depends on and the kinds of change
// that make its answer stale; the hook loads, drops answers that arrive
// after a newer request started, and loads again when the event stream
// reports such a change (made in this tab, another tab or by another
// coder).
import { useState, useEffect, useRef } from './lib.js';
import { onChanges, touches } from './changes.js';

/**
 * useData runs load() when the values in deps change, and again whenever
 * a change of one of the kinds in opts.on arrives ('*' for any). It
 * returns {data, error, loading, reload, set}: data stays the last answer while
 * a new one loads (null before the first); error is the last failure,
 * cleared by the next success; set(data or fn) changes data on screen
 * before the server's next answer (a change just saved). opts.keep false forgets data and error
 * when deps change (a different thing is being loaded); opts.delay waits
 * that many milliseconds after a deps change before loading (for options
 * changed quickly).
 */
export function useData(load, deps, opts = {}) {
  const { on = [], delay = 0, keep = true } = opts;
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useRef(null);
  run.current = () => {
    const n = ++latest.current;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    let p;
    try { p = Promise.resolve(loader.current()); } catch (err) { p = Promise.reject(err); }
    return p.then(
      (data) => { if (n === latest.current) setState({ data, error: null, loading: false }); },
      (error) => { if (n === latest.current) setState((s) => ({ ...s, error, loading: false })); },
    );
  };

  useEffect(() => {
    if (!keep) setState({ data: null, error: null, loading: true });
    if (!delay) {
      run.current();
      // An answer for the old deps must not replace the one for the new.
      return () => { latest.current++; };
    }
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const t = setTimeout(() => run.current(), delay);
    return () => { clearTimeout(t); latest.current++; };
  }, deps);

  const kinds = on.join();
  useEffect(() => {
    if (!on.length) return undefined;
    return onChanges((batch) => { if (touches(batch, on)) run.current(); });
  }, [kinds]);

  const set = (next) => setState((s) => ({ ...s, data: typeof next === 'function' ? next(s.data) : next }));
  return { ...state, reload: () => run.current(), set };
}

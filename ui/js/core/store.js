// A minimal observable store: components subscribe with useStore and
// re-render when the value they select changes.
import { useState, useEffect, useRef } from './lib.js';

/** createStore returns a store holding value. */
export function createStore(value) {
  const subs = new Set();
  return {
    get: () => value,
    /** set replaces the value; given a function, with its result on the old value. */
    set(next) {
      value = typeof next === 'function' ? next(value) : next;
      for (const fn of [...subs]) fn(value);
    },
    /** update merges a patch into an object value. */
    update(patch) {
      this.set({ ...value, ...(typeof patch === 'function' ? patch(value) : patch) });
    },
    subscribe(fn) { subs.add(fn); return () => subs.delete(fn); },
  };
}

/**
 * useStore returns select(store value) and re-renders the component when
 * that selection changes (compared with Object.is).
 */
export function useStore(store, select = (v) => v) {
  const [, force] = useState(0);
  const sel = useRef(select);
  sel.current = select;
  const last = useRef();
  last.current = sel.current(store.get());
  useEffect(() => {
    const check = (v) => {
      const next = sel.current(v);
      if (!Object.is(next, last.current)) {
        last.current = next;
        force((n) => n + 1);
      }
    };
    const off = store.subscribe(check);
    // The value may have changed between rendering and subscribing.
    check(store.get());
    return off;
  }, [store]);
  return last.current;
}

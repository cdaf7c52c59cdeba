// Document names that tell documents apart: a title that several
// documents share is followed by each one's case and file name, in
// filters, pickers and lists of the project.
import { useMemo } from '../core/lib.js';
import { useStore } from '../core/store.js';
import { proj } from './state.js';

/**
 * docLabeler returns a function giving a document's name by its ID (or
 * the document itself): its title, and when another document has the
 * same title (ignoring case), "title (case · file name)".
 */
export function docLabeler(documents, cases) {
  const caseName = new Map(cases.map((c) => [c.id, c.name]));
  const byId = new Map(documents.map((d) => [d.id, d]));
  const count = new Map();
  for (const d of documents) {
    const k = (d.title || '').trim().toLowerCase();
    count.set(k, (count.get(k) || 0) + 1);
  }
  return (ref, fallback = '') => {
    const d = typeof ref === 'string' ? byId.get(ref) : ref;
    if (!d) return fallback;
    if ((count.get((d.title || '').trim().toLowerCase()) || 0) < 2) return d.title;
    const parts = [caseName.get(d.case_id) || 'no case', d.source_name].filter(Boolean);
    return `${d.title} (${parts.join(' · ')})`;
  };
}

/** useDocLabel is docLabeler over the open project's documents and cases. */
export function useDocLabel() {
  const documents = useStore(proj, (s) => s.documents);
  const cases = useStore(proj, (s) => s.cases);
  return useMemo(() => docLabeler(documents, cases), [documents, cases]);
}

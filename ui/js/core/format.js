// Small text helpers for labels.

/** plural returns "1 quote", "2 quotes"; many overrides the plural form. */
export function plural(n, one, many = one + 's') {
  return `${n} ${n === 1 ? one : many}`;
}

/** counts describes code counts: "4 quotes · 2 documents · 1 case". */
export function counts(c) {
  const n = c || { quotes: 0, documents: 0, cases: 0 };
  return `${plural(n.quotes, 'quote')} · ${plural(n.documents, 'document')} · ${plural(n.cases, 'case')}`;
}

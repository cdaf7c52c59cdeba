// The options of a fixed few values on the Exports screen. Formats say
// which values they accept (GET /export/formats, "choices"); formats that
// accept different values for one option get one control each, so every
// control offers only values its formats take (the supporting data has
// rows by theme or concept, the matrix by dimension too).

const family = (f) => f.name.split('-')[0];

/**
 * choiceGroups returns, for each option some format gives choices for,
 * its controls: [{key, name, values, families}], the widest first. The
 * widest keeps the option's name as its key (and URL parameter); the
 * others are keyed name-family, by the family of their first format.
 */
export function choiceGroups(formats) {
  const byOption = new Map();
  for (const f of formats || []) {
    for (const [name, values] of Object.entries(f.choices || {})) {
      if (!byOption.has(name)) byOption.set(name, new Map());
      const groups = byOption.get(name), id = values.join(',');
      if (!groups.has(id)) groups.set(id, { name, values, families: [] });
      const g = groups.get(id);
      if (!g.families.includes(family(f))) g.families.push(family(f));
    }
  }
  const out = new Map();
  for (const [name, groups] of byOption) {
    const list = [...groups.values()].sort((a, b) => b.values.length - a.values.length);
    list.forEach((g, i) => { g.key = i === 0 ? name : name + '-' + g.families[0]; });
    out.set(name, list);
  }
  return out;
}

/** choiceKey returns the key of the control that sets option name for format f. */
export function choiceKey(groups, f, name) {
  const list = groups.get(name);
  const values = (f.choices || {})[name];
  if (!list || !values) return name;
  const g = list.find((x) => x.values.join(',') === values.join(','));
  return g ? g.key : name;
}

/** groupKeys returns the keys of every control beyond the options' own names. */
export function groupKeys(groups) {
  return [...groups.values()].flatMap((list) => list.map((g) => g.key)).filter((k) => !groups.has(k));
}

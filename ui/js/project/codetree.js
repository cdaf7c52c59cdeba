// The codebook as a Gioia tree: aggregate dimensions > second-order themes
// > first-order concepts, with ungrouped themes and concepts at the root.

/** LEVELS lists the code levels from the top of the tree down. */
export const LEVELS = ['dimension', 'theme', 'concept'];

/** levelLabel returns the researchers' name for a level. */
export function levelLabel(level, plural = false) {
  const s = { dimension: 'aggregate dimension', theme: 'second-order theme', concept: 'first-order concept' }[level] || level;
  return plural ? s + 's' : s;
}

/** shortLevel returns a one-word level name. */
export function shortLevel(level) {
  return { dimension: 'Dimension', theme: 'Theme', concept: 'Concept' }[level] || level;
}

/** parentLevel returns the level a code of level may sit under, or ''. */
export function parentLevel(level) {
  return level === 'concept' ? 'theme' : level === 'theme' ? 'dimension' : '';
}

/**
 * buildTree indexes codes (as listed by the server, siblings in order):
 * byId, children (parent ID, '' for the root, to child list) and roots in
 * display order (dimensions, then ungrouped themes, then ungrouped concepts).
 */
export function buildTree(codes) {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const children = new Map();
  for (const c of codes) {
    const parent = c.parent_id && byId.has(c.parent_id) ? c.parent_id : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(c);
  }
  const sortSiblings = (list) => list.sort((a, b) => (a.order - b.order) || a.name.localeCompare(b.name));
  for (const list of children.values()) sortSiblings(list);
  const rootList = children.get('') || [];
  const rank = { dimension: 0, theme: 1, concept: 2 };
  const roots = [...rootList].sort((a, b) => rank[a.level] - rank[b.level]);
  return {
    byId,
    children,
    roots,
    kids: (id) => children.get(id) || [],
    /** path returns the names from the root down to code id. */
    path(id) {
      const out = [];
      for (let c = byId.get(id); c; c = byId.get(c.parent_id)) out.unshift(c.name);
      return out;
    },
    /** ancestor returns the ancestor of id at level (itself when it is of that level). */
    ancestor(id, level) {
      for (let c = byId.get(id); c; c = byId.get(c.parent_id)) if (c.level === level) return c;
      return null;
    },
    /** effectiveFacet returns [value, inherited] of facet fid for code id. */
    effectiveFacet(id, fid) {
      for (let c = byId.get(id); c; c = byId.get(c.parent_id)) {
        const v = c.facets && c.facets[fid];
        if (v) return [v, c.id !== id];
      }
      return ['', false];
    },
    /** flat lists codes depth first in display order with their depth. */
    flat() {
      const out = [];
      const visit = (c, depth) => {
        out.push({ code: c, depth });
        for (const k of children.get(c.id) || []) visit(k, depth + 1);
      };
      roots.forEach((r) => visit(r, 0));
      return out;
    },
  };
}

/** canParent reports whether child may be grouped under parent (null: the root). */
export function canParent(child, parent) {
  if (!parent) return true;
  return parentLevel(child.level) === parent.level && parent.id !== child.id;
}

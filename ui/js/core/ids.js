// Temporary IDs: what the screen shows before the server has answered
// (a quote or code being created) carries a temporary ID; once stored,
// alias records the ID the server gave it, so code still holding the
// temporary one (a selection, a queued save) reaches the stored entity.
const aliases = new Map();

/** alias records that the entity once called oldId is now newId. */
export function alias(oldId, newId) {
  if (oldId && newId && oldId !== newId) aliases.set(oldId, newId);
}

/** resolve returns the current ID of the entity first known as id. */
export function resolve(id) {
  let seen = 0;
  while (aliases.has(id) && seen++ < 1000) id = aliases.get(id);
  return id;
}

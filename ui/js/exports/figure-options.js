// The options of the data-structure figure on the Exports screen: one
// figure per dimension or section, the page it must fit, its orientation
// and the facets shown as badges on the themes (see docs/exports.md).
import { html } from '../core/lib.js';

/** figureDefaults are the figure's options when none is chosen. */
export const figureDefaults = { split: '', page: '', orientation: '', badges: [] };

/** figureLabels name the figure's options on the screen. */
export const figureLabels = {
  split: 'Figure: one per', page: 'Figure: page', orientation: 'Figure: orientation', badges: 'Figure: badges on themes',
};

const choices = {
  split: [['', 'whole data structure'], ['dimension', 'dimension'], ['section', 'section (facet above)']],
  page: [['', 'no page: grows to fit'], ['a4', 'A4, split across pages'], ['letter', 'Letter, split across pages']],
  orientation: [['', 'portrait'], ['landscape', 'landscape']],
};

/**
 * figureControls returns the form controls of the figure's options, made
 * with the screen's own select and multi-choice builders.
 */
export function figureControls({ select, multi, facets, opts }) {
  return {
    split: () => select('split', choices.split),
    page: () => select('page', choices.page),
    orientation: () => (opts.page ? select('orientation', choices.orientation) : html``),
    badges: () => multi('badges', facets.map((f) => f.name)),
  };
}

/** figureParams drops an orientation left over from a page size since cleared: it needs one. */
export function figureParams(q) {
  if (q.orientation && !q.page) delete q.orientation;
  return q;
}

// One block of the transcript: a speaker turn (number, speaker, time code,
// text) or text between turns, with its highlights and margin bars. Blocks
// re-render only when their layout entry changes.
import { html, Component } from '../core/lib.js';

function handle(side) {
  return html`<span class=${'handle handle-' + side} data-h=${side} title=${'Drag to move the quote’s ' + side}
    aria-hidden="true"></span>`;
}

function segment(g) {
  if (!g.ids) return html`<span data-s=${g.s}>${g.text}</span>`;
  const cls = 'hl' + (g.pending ? ' pending' : '') + (g.sel ? ' sel' : '');
  return html`${g.hs ? handle('start') : null}<span data-s=${g.s} data-q=${g.ids} class=${cls}
    style=${{ background: g.bg }}>${g.text}</span>${g.he ? handle('end') : null}`;
}

/** Block renders one block of the reader. Props: block, data, role. */
export class Block extends Component {
  shouldComponentUpdate(next) {
    return next.data !== this.props.data || next.role !== this.props.role;
  }

  render({ block, data, role }) {
    const t = block.turn;
    const cls = 'block ' + block.kind + (role === 'interviewer' ? ' interviewer' : '');
    return html`<div class=${cls} data-b=${block.start} id=${t ? 'turn-' + block.number : null}>
      ${data.bars.length ? html`<div class="bars" aria-hidden="true">${data.bars.map((b) => html`<span
        class=${'bar' + (b.sel ? ' sel' : '')} data-q=${b.id}
        style=${{ left: b.lane * 6 + 'px', top: b.top, height: b.height, background: b.color }}></span>`)}</div>` : null}
      <div class="head" aria-hidden=${t ? null : 'true'}>${t ? html`<span class="no" title="Turn number">${block.number}</span>
        <span class="who">${t.speaker || '—'}</span>${t.timestamp ? html`<span class="ts">${t.timestamp}</span>` : null}` : null}</div>
      <p class="txt">${data.segs.map(segment)}</p>
    </div>`;
  }
}

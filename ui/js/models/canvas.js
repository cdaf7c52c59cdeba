// The model editor: a canvas of boxes (bound to codes or holding free
// text), frames grouping boxes into phases, and arrows between them.
// Items snap to a grid and to each other's edges and centres while
// dragged; ] and [ select the next and previous item, arrow keys move the
// selected item (Shift for bigger steps), Delete removes it, A starts an
// arrow from it (ended by a click, or by Enter on an item selected with ]
// and [). Every change is saved as
// one change of the model (so Ctrl+Z undoes it, as any change); changes
// made elsewhere (another tab, an undo, a renamed code) show at once.
import { html, useState, useRef, useEffect } from '../core/lib.js';
import { patch, pp, ApiError } from '../core/api.js';
import { save } from '../core/saving.js';
import { openDialog } from '../widgets/dialog.js';
import { CodePicker } from '../widgets/picker.js';
import { undo } from '../project/history.js';
import { GRID, BIG_STEP, snap, align, frameAt, ends, arrowPath, nextId, freeSpot } from './geometry.js';

const STYLES = [['solid', 'Solid'], ['dashed', 'Dashed'], ['bidirectional', 'Both ways'], ['feedback', 'Feedback loop']];
const EXPORTS = [['svg', 'SVG'], ['png', 'PNG'], ['pdf', 'PDF'], ['pptx', 'PowerPoint'], ['drawio', 'draw.io']];
// Typing and key moves are saved this long after the last one.
const SETTLE_MS = 400;

// plain keeps the stored fields of a model.
const plain = (m) => ({
  name: m.name,
  boxes: (m.boxes || []).map((b) => ({ ...b })), frames: (m.frames || []).map((f) => ({ ...f })), arrows: (m.arrows || []).map((a) => ({ ...a })),
});

// itemsOf returns the boxes or frames list of the doc for a kind.
const listOf = (doc, kind) => (kind === 'frame' ? doc.frames : kind === 'arrow' ? doc.arrows : doc.boxes);

/** ModelEditor edits one model; model is the server's copy, kept fresh by the page. */
export function ModelEditor({ pid, model, codes, canEdit }) {
  const [doc, setDoc] = useState(() => plain(model));
  const [sel, setSel] = useState(null); // {kind: 'box'|'frame'|'arrow', id}
  const [arrowFrom, setArrowFrom] = useState('');
  const [guides, setGuides] = useState([]);
  const [notice, setNotice] = useState('');
  const docRef = useRef(doc);
  docRef.current = doc;
  // version is the model's version our next save starts from.
  const version = useRef(model.version);
  const inflight = useRef(0);
  const timer = useRef(0);
  const drag = useRef(null);
  const canvas = useRef(null);

  // The server's copy replaces ours when nothing of ours is on its way.
  useEffect(() => {
    if (inflight.current || timer.current || drag.current) return;
    if (model.version >= version.current) {
      version.current = model.version;
      setDoc(plain(model));
    }
  }, [model]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // send saves the doc as it stands (the latest, when saves queue up).
  const send = (label) => {
    inflight.current++;
    save(label, async () => {
      const d = docRef.current;
      try {
        const m = await patch(pp(pid, '/models/' + model.id), { name: d.name, boxes: d.boxes, frames: d.frames, arrows: d.arrows },
          undefined, { version: version.current });
        // The next save, queued behind this one, starts from it.
        version.current = m.version;
        return m;
      } catch (err) {
        // Changed elsewhere meanwhile: show that version.
        if (err instanceof ApiError && err.status === 412 && err.data && err.data.current) {
          setNotice(err.message + '; the model now shows that version');
          version.current = err.data.current.version;
          return { ...err.data.current, stale: true };
        }
        throw err;
      }
    }).then((m) => {
      inflight.current--;
      if (m.stale) { setDoc(plain(m)); return; }
      if (!inflight.current && !timer.current && !drag.current) setDoc(plain(m));
    }, () => { inflight.current--; });
  };

  // commit shows next at once and saves it, now or once typing and key
  // moves settle.
  const commit = (next, label, settle = false) => {
    docRef.current = next;
    setDoc(next);
    clearTimeout(timer.current);
    timer.current = 0;
    if (!settle) { send(label); return; }
    timer.current = setTimeout(() => { timer.current = 0; send(label); }, SETTLE_MS);
  };

  const find = (kind, id) => listOf(doc, kind).find((x) => x.id === id);
  const replace = (d, kind, id, fn) => ({ ...d, [kind === 'frame' ? 'frames' : kind === 'arrow' ? 'arrows' : 'boxes']: listOf(d, kind).map((x) => (x.id === id ? fn(x) : x)) });

  // moveBy moves a box, or a frame with its boxes, by dx, dy.
  const moveBy = (d, kind, id, dx, dy) => {
    if (kind === 'frame') {
      d = replace(d, 'frame', id, (f) => ({ ...f, x: f.x + dx, y: f.y + dy }));
      return { ...d, boxes: d.boxes.map((b) => (b.frame_id === id ? { ...b, x: b.x + dx, y: b.y + dy } : b)) };
    }
    d = replace(d, 'box', id, (b) => ({ ...b, x: b.x + dx, y: b.y + dy }));
    return replace(d, 'box', id, (b) => ({ ...b, frame_id: frameAt(b, d.frames) }));
  };

  const remove = (s) => {
    if (!s) return;
    let d = docRef.current;
    if (s.kind === 'arrow') d = { ...d, arrows: d.arrows.filter((a) => a.id !== s.id) };
    else {
      d = {
        ...d,
        boxes: d.boxes.filter((b) => b.id !== s.id).map((b) => (b.frame_id === s.id ? { ...b, frame_id: '' } : b)),
        frames: d.frames.filter((f) => f.id !== s.id),
        arrows: d.arrows.filter((a) => a.from !== s.id && a.to !== s.id),
      };
    }
    setSel(null);
    commit(d, 'Delete from the model');
  };

  // Adding items.
  const addBox = (fields) => {
    const d = docRef.current;
    const spot = freeSpot(d, 180, 70);
    const box = { id: nextId(d, 'b'), x: spot.x, y: spot.y, w: 180, h: 70, text: '', frame_id: '', ...fields };
    box.frame_id = frameAt(box, d.frames);
    commit({ ...d, boxes: [...d.boxes, box] }, 'Add a box');
    setSel({ kind: 'box', id: box.id });
    focusCanvas();
  };
  const pickCode = () => openDialog('Add a box for a code', (close) => html`<${CodePicker} codes=${codes} label="Code"
    levels=${['dimension', 'theme', 'concept']} onCancel=${close}
    onPick=${(c) => { close(); addBox({ code_id: c.id, text: c.name, label: c.name, level: c.level }); }} />`);
  const addFrame = () => {
    const d = docRef.current;
    const spot = freeSpot(d, 420, 260);
    const frame = { id: nextId(d, 'f'), label: 'Phase ' + (d.frames.length + 1), x: spot.x, y: spot.y, w: 420, h: 260 };
    commit({ ...d, frames: [...d.frames, frame] }, 'Add a frame');
    setSel({ kind: 'frame', id: frame.id });
    focusCanvas();
  };
  const startArrow = () => {
    if (sel && sel.kind !== 'arrow') setArrowFrom(sel.id);
    focusCanvas();
  };
  const focusCanvas = () => setTimeout(() => canvas.current && canvas.current.focus({ preventScroll: true }), 0);

  // Clicking an item selects it, or ends the arrow being drawn there.
  const choose = (kind, id) => {
    if (arrowFrom && canEdit) {
      if (arrowFrom !== id) {
        const d = docRef.current;
        const arrow = { id: nextId(d, 'a'), from: arrowFrom, to: id, label: '', style: 'solid' };
        commit({ ...d, arrows: [...d.arrows, arrow] }, 'Draw an arrow');
        setSel({ kind: 'arrow', id: arrow.id });
      }
      setArrowFrom('');
      return;
    }
    setSel({ kind, id });
  };

  // Dragging moves (or, from the corner handle, resizes) an item.
  const onPointerDown = (e, kind, id, resize = false) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    choose(kind, id);
    focusCanvas();
    if (!canEdit || arrowFrom) return;
    const item = find(kind, id);
    drag.current = { kind, id, resize, sx: e.clientX, sy: e.clientY, orig: { ...item }, start: docRef.current, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e) => {
    const g = drag.current;
    if (!g) return;
    const dx = e.clientX - g.sx;
    const dy = e.clientY - g.sy;
    if (!g.moved && Math.abs(dx) + Math.abs(dy) < 3) return;
    g.moved = true;
    if (g.resize) {
      const w = Math.max(snap(g.orig.w + dx), 40);
      const h = Math.max(snap(g.orig.h + dy), 30);
      setDoc(replace(g.start, g.kind, g.id, (x) => ({ ...x, w, h })));
      return;
    }
    const others = [...g.start.boxes, ...g.start.frames].filter((o) => o.id !== g.id && !(g.kind === 'frame' && o.frame_id === g.id));
    const at = align({ ...g.orig, x: g.orig.x + dx, y: g.orig.y + dy }, others);
    setGuides(at.guides);
    setDoc(moveBy(g.start, g.kind, g.id, at.x - g.orig.x, at.y - g.orig.y));
  };
  const onPointerUp = () => {
    const g = drag.current;
    drag.current = null;
    setGuides([]);
    if (g && g.moved) commit(docRef.current, g.resize ? 'Resize in the model' : 'Move in the model');
  };

  const onKeyDown = (e) => {
    if (e.target !== canvas.current) return;
    // An undo reaches the move just made: save it first.
    if ((e.ctrlKey || e.metaKey) && timer.current) {
      clearTimeout(timer.current);
      timer.current = 0;
      send('Move in the model');
    }
    if (e.key === 'Escape') { setArrowFrom(''); setSel(null); return; }
    if (e.key === ']' || e.key === '[') {
      // Cycle through the frames, boxes and arrows.
      const all = [...doc.frames.map((f) => ({ kind: 'frame', id: f.id })), ...doc.boxes.map((b) => ({ kind: 'box', id: b.id })),
        ...doc.arrows.map((a) => ({ kind: 'arrow', id: a.id }))];
      if (!all.length) return;
      e.preventDefault();
      const at = sel ? all.findIndex((x) => x.kind === sel.kind && x.id === sel.id) : -1;
      setSel(all[(at + (e.key === ']' ? 1 : all.length - 1) + (at < 0 && e.key === '[' ? 1 : 0)) % all.length]);
      return;
    }
    if (!sel || !canEdit) return;
    if (e.key === 'Enter' && arrowFrom && sel.kind !== 'arrow') {
      // The arrow being drawn ends at the item selected with ] and [.
      e.preventDefault();
      choose(sel.kind, sel.id);
      return;
    }
    const step = e.shiftKey ? BIG_STEP : GRID;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key] && sel.kind !== 'arrow' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      commit(moveBy(docRef.current, sel.kind, sel.id, ...moves[e.key]), 'Move in the model', true);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      remove(sel);
    } else if (e.key === 'a' && !e.ctrlKey && !e.metaKey && sel.kind !== 'arrow') {
      e.preventDefault();
      setArrowFrom(sel.id);
    }
  };

  const shapes = new Map([...doc.frames.map((f) => [f.id, f]), ...doc.boxes.map((b) => [b.id, b])]);
  const W = Math.max(1600, ...[...shapes.values()].map((r) => r.x + r.w + 400));
  const H = Math.max(1000, ...[...shapes.values()].map((r) => r.y + r.h + 300));
  const isSel = (kind, id) => sel && sel.kind === kind && sel.id === id;
  const handle = (kind, id) => (canEdit && isSel(kind, id)
    ? html`<span class="model-resize" title="Drag to resize" onPointerDown=${(e) => onPointerDown(e, kind, id, true)}></span>` : null);

  return html`<div class="model-editor">
    <div class="model-toolbar row wrap" role="toolbar" aria-label="Model tools">
      ${canEdit ? html`
        <button class="btn btn-sm" onClick=${pickCode}>Add code box</button>
        <button class="btn btn-sm" onClick=${() => addBox({ text: 'New box' })}>Add text box</button>
        <button class="btn btn-sm" onClick=${addFrame}>Add frame</button>
        <button class="btn btn-sm" aria-pressed=${arrowFrom ? 'true' : 'false'} disabled=${!sel || sel.kind === 'arrow'} onClick=${startArrow}
          title="Then click the box or frame it points to (A)">Draw arrow</button>
        <button class="btn btn-sm" disabled=${!sel} onClick=${() => remove(sel)} title="Delete">Delete</button>
        <button class="btn btn-sm" onClick=${() => undo()} title="Ctrl+Z">Undo</button>` : null}
    </div>
    ${arrowFrom ? html`<p class="model-hint" role="status">Click the box or frame the arrow points to, or select it with ] and [ and press Enter (Esc cancels).</p>` : null}
    ${notice ? html`<p class="model-hint" role="status">${notice} <button class="btn btn-sm" onClick=${() => setNotice('')}>OK</button></p>` : null}
    <div class="model-body">
      <div class="model-scroll">
        <div class="model-canvas" ref=${canvas} tabIndex="0" aria-label="Model canvas" style=${{ width: W + 'px', height: H + 'px', '--grid': GRID + 'px' }}
          onKeyDown=${onKeyDown} onPointerMove=${onPointerMove} onPointerUp=${onPointerUp}
          onPointerDown=${(e) => { if (e.target === canvas.current) { setSel(null); setArrowFrom(''); } }}>
          ${doc.frames.map((f) => html`<div key=${f.id} class=${'model-frame' + (isSel('frame', f.id) ? ' selected' : '')} data-id=${f.id}
            style=${{ left: f.x + 'px', top: f.y + 'px', width: f.w + 'px', height: f.h + 'px' }}
            onPointerDown=${(e) => onPointerDown(e, 'frame', f.id)}><span class="model-frame-label">${f.label}</span>${handle('frame', f.id)}</div>`)}
          <svg class="model-arrows" width=${W} height=${H} aria-hidden="true">
            <defs><marker id="model-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M0 0 L10 5 L0 10 z" /></marker></defs>
            ${doc.arrows.map((a) => {
              const s = shapes.get(a.from);
              const t = shapes.get(a.to);
              if (!s || !t) return null;
              const curved = a.style === 'feedback';
              const [p, q] = ends(s, t, curved);
              const d = arrowPath(p, q, curved);
              const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
              return html`<g key=${a.id} class=${'model-arrow' + (isSel('arrow', a.id) ? ' selected' : '')} data-id=${a.id} data-style=${a.style}
                onPointerDown=${(e) => { e.stopPropagation(); choose('arrow', a.id); focusCanvas(); }}>
                <path class="hit" d=${d} />
                <path class="line" d=${d} stroke-dasharray=${a.style === 'dashed' ? '6 4' : null}
                  marker-end="url(#model-head)" marker-start=${a.style === 'bidirectional' ? 'url(#model-head)' : null} />
                ${a.label ? html`<text x=${mid.x} y=${mid.y - 6} text-anchor="middle">${a.label}</text>` : null}
              </g>`;
            })}
          </svg>
          ${doc.boxes.map((b) => html`<div key=${b.id} data-id=${b.id} data-code=${b.code_id || null}
            class=${'model-box' + (b.code_id ? ' bound level-' + (b.level || 'none') : ' free') + (b.missing ? ' missing' : '') + (isSel('box', b.id) ? ' selected' : '') + (arrowFrom === b.id ? ' arrow-from' : '')}
            style=${{ left: b.x + 'px', top: b.y + 'px', width: b.w + 'px', height: b.h + 'px' }}
            onPointerDown=${(e) => onPointerDown(e, 'box', b.id)}>
            <span class="model-box-text">${b.label || b.text}</span>
            ${b.missing ? html`<span class="model-missing">code deleted</span>` : null}
            ${handle('box', b.id)}</div>`)}
          ${guides.map((g) => html`<div class=${'model-guide ' + g.axis} style=${g.axis === 'x' ? { left: g.at + 'px' } : { top: g.at + 'px' }}></div>`)}
        </div>
      </div>
      <div class="model-side">
        <${Inspector} doc=${doc} sel=${sel} canEdit=${canEdit} commit=${commit} replace=${replace} />
        <nav class="model-exports" aria-label="Export the model">
          <h2 class="small">Export</h2>
          ${EXPORTS.map(([f, label]) => html`<a class="btn btn-sm" download href=${'/api/v1' + pp(pid, '/models/' + model.id + '/export/' + f)}>${label}</a>`)}
        </nav>
      </div>
    </div>
  </div>`;
}

// Inspector edits the selected item: a free box's text, a frame's label,
// an arrow's label and style.
function Inspector({ doc, sel, canEdit, commit, replace }) {
  const item = sel && listOf(doc, sel.kind).find((x) => x.id === sel.id);
  if (!item) {
    return html`<aside class="model-inspector muted small">
      <p>Select a box, frame or arrow to edit it.</p>
      <p>] and [ select the next and previous item; arrow keys move the selection by ${GRID} px, Shift+arrows by ${BIG_STEP} px;
        Delete removes it; A starts an arrow from it, ended by a click on another item or by Enter on one selected with ] and [; Ctrl+Z undoes.</p>
    </aside>`;
  }
  const set = (fields, label) => commit(replace(doc, sel.kind, sel.id, (x) => ({ ...x, ...fields })), label, true);
  const ro = !canEdit;
  let body;
  if (sel.kind === 'box' && item.code_id) {
    body = html`<p><span class="muted small">${item.level || 'code'}</span><br /><strong>${item.label || item.text}</strong></p>
      ${item.missing ? html`<p class="error-box">Its code was deleted; the box keeps the last name.</p>` : html`<p class="muted small">Its text follows the code's name.</p>`}`;
  } else if (sel.kind === 'box') {
    body = html`<label class="field"><span>Text</span>
      <textarea rows="4" readOnly=${ro} value=${item.text} onInput=${(e) => set({ text: e.currentTarget.value }, 'Edit a box')}></textarea></label>`;
  } else if (sel.kind === 'frame') {
    body = html`<label class="field"><span>Label</span>
      <input readOnly=${ro} value=${item.label} onInput=${(e) => set({ label: e.currentTarget.value }, 'Edit a frame')} /></label>`;
  } else {
    body = html`<label class="field"><span>Label</span>
      <input readOnly=${ro} value=${item.label} onInput=${(e) => set({ label: e.currentTarget.value }, 'Edit an arrow')} /></label>
      <label class="field"><span>Style</span>
      <select disabled=${ro} value=${item.style} onChange=${(e) => commit(replace(doc, 'arrow', sel.id, (x) => ({ ...x, style: e.currentTarget.value })), 'Restyle an arrow')}>
        ${STYLES.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label>`;
  }
  return html`<aside class="model-inspector" aria-label="Selected item">
    <h2 class="small">${sel.kind === 'box' ? 'Box' : sel.kind === 'frame' ? 'Frame' : 'Arrow'}</h2>${body}</aside>`;
}

// The data directory's backups on the projects page: when the last one
// was made, and a dialog to restore one after confirming. Hidden from
// those the server does not let see them (team members who are not
// administrators).
import { html, useState } from '../core/lib.js';
import { useData } from '../core/data.js';
import { get, post } from '../core/api.js';
import { openDialog, confirmDialog } from '../widgets/dialog.js';

const kinds = { start: 'when Tessera started', daily: 'daily', 'before-restore': 'kept before a restore' };

function when(b) {
  return new Date(b.time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function size(n) {
  return n >= 1 << 20 ? (n / (1 << 20)).toFixed(1) + ' MB' : Math.max(1, Math.round(n / 1024)) + ' KB';
}

/** BackupsPanel shows the last backup and offers restoring one. */
export function BackupsPanel() {
  const [status, setStatus] = useState('');
  const { data: info, error, set: setInfo } = useData(() => get('/backups'), []);
  if (!info || error) return null;

  const restore = async () => {
    const fresh = await get('/backups').catch(() => info);
    setInfo(fresh);
    const name = await openDialog('Restore a backup', (close) => html`<${RestoreChoice} backups=${fresh.backups} close=${close} />`, { wide: true });
    if (!name) return;
    const b = fresh.backups.find((x) => x.name === name);
    const ok = await confirmDialog({
      title: 'Restore this backup?',
      message: `Replace all projects with the backup of ${when(b)}? Everything changed since then is set aside: the current data is kept as another backup first, so this restore can be undone the same way.`,
      confirm: 'Restore', danger: true,
    });
    if (!ok) return;
    try {
      await post('/backups/restore', { name });
    } catch (e) {
      setStatus(e.message);
      return;
    }
    setStatus('Restoring… the page reloads when the restored data is ready.');
    await waitForServer();
    location.reload();
  };

  const last = info.last;
  return html`<section class="backups" aria-label="Backups">
    <p class="muted small">
      ${last ? html`Last backup: <time datetime=${last.time}>${when(last)}</time> (${kinds[last.kind] || last.kind}).` : 'No backup yet.'}
      ${' '}${info.keep > 0 ? `Automatic backups: at start and daily, the last ${info.keep} kept.` : 'Automatic backups are off.'}
      ${info.restore && info.backups.length > 0
        ? html`${' '}<button type="button" class="btn btn-sm" onClick=${restore}>Restore a backup…</button>` : null}
    </p>
    ${status ? html`<p class="muted small" role="status">${status}</p>` : null}
  </section>`;
}

function RestoreChoice({ backups, close }) {
  const [pick, setPick] = useState(backups[0] && backups[0].name);
  return html`<form onSubmit=${(e) => { e.preventDefault(); close(pick); }}>
    <fieldset class="backup-choice"><legend class="muted small">Backups in the data directory, newest first</legend>
      ${backups.map((b, i) => html`<label class="backup-option">
        <input type="radio" name="backup" value=${b.name} checked=${pick === b.name} data-autofocus=${i === 0 ? '' : undefined}
          onChange=${() => setPick(b.name)} />
        <span>${when(b)}</span> <span class="muted small">${kinds[b.kind] || b.kind}, ${size(b.size)}</span></label>`)}
    </fieldset>
    <div class="dialog-actions">
      <button type="button" class="btn" onClick=${() => close(null)}>Cancel</button>
      <button type="submit" class="btn btn-primary" disabled=${!pick}>Restore…</button>
    </div></form>`;
}

// waitForServer resolves once the server answers again after a restore:
// while it swaps the database, requests answer 503.
async function waitForServer() {
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    try {
      const res = await fetch('/api/v1/healthz', { cache: 'no-store' });
      if (res.ok) return;
    } catch { /* the server is between databases */ }
  }
}

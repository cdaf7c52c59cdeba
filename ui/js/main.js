// Entry point: asks who is signed in and mounts the workbench (or the
// login page of a team server).
import { html, render } from './core/lib.js';
import { startSession } from './core/session.js';
import { Root } from './shell/gate.js';
import { startLive } from './project/live.js';

window.__tessera = { startedAt: performance.now() };
startSession();
startLive();
const root = document.getElementById('app');
root.textContent = '';
render(html`<${Root} />`, root);

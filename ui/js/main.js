// Entry point: mounts the workbench.
import { html, render } from './lib.js';
import { App } from './app.js';

window.__tessera = { startedAt: performance.now() };
const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);

// Keyboard shortcuts that work on every screen: Ctrl+Z / Ctrl+Shift+Z (or
// Ctrl+Y) undo and redo, / focuses the search box, ? lists the shortcuts.
import { undo, redo } from '../project/history.js';

/** isTyping reports whether el is a place where keys type text. */
export function isTyping(el) {
  return !!(el && el.closest && el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'));
}

/** installShortcuts listens for the global shortcuts. */
export function installShortcuts({ onSearch, onHelp }) {
  document.addEventListener('keydown', (e) => {
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (mod && !e.altKey && (k === 'z' || k === 'y')) {
      // Text fields keep their own undo.
      if (isTyping(e.target)) return;
      e.preventDefault();
      if (k === 'y' || e.shiftKey) redo(); else undo();
      return;
    }
    if (mod || e.altKey || isTyping(e.target) || e.defaultPrevented) return;
    if (e.key === '/') { e.preventDefault(); onSearch(); }
    else if (e.key === '?') { e.preventDefault(); onHelp(); }
  });
}

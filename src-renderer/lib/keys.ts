// Keyboard shortcuts that must not steal what a text field does with the same keys.

const TEXT_INPUTS = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'week', 'time']);

/** True inside a field where typing happens: there Ctrl+Z is the browser's own undo of the typing. */
export function isTextField(el: EventTarget | Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && TEXT_INPUTS.has(el.type);
}

/** Ctrl+Z → undo; Ctrl+Shift+Z or Ctrl+Y → redo (⌘ on macOS); anything else → null. */
export function undoKey(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}

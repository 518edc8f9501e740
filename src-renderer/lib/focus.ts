// Keyboard focus must never fall to <body> when what held it goes away (a deleted chip, a closed dialog,
// a redrawn chart): these put it somewhere that makes sense, after the DOM has settled.
import { tick } from 'svelte';

type Candidate = HTMLElement | SVGElement | null | undefined | (() => HTMLElement | SVGElement | null | undefined);

const usable = (el: HTMLElement | SVGElement | null | undefined): el is HTMLElement | SVGElement =>
  !!el && el.isConnected && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0;

/** Focuses the first candidate that is still in the page and visible; the main region as a last resort. */
export function focusFirst(...candidates: Candidate[]): void {
  for (const c of candidates) {
    const el = typeof c === 'function' ? c() : c;
    if (usable(el)) {
      el.focus();
      return;
    }
  }
  document.getElementById('main')?.focus();
}

/** After the next render, if focus has been lost (it is on <body>), moves it to the first usable candidate. */
export async function refocusIfLost(...candidates: Candidate[]): Promise<void> {
  await tick();
  if (document.activeElement === document.body || document.activeElement === null) focusFirst(...candidates);
}

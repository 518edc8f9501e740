// OS preferences the charts follow: dark theme and reduced motion; and printing, which is always on light paper.
import { DARK, LIGHT } from '../../src-core/charts/palette.ts';

class MediaPreferences {
  dark = $state(false);
  reducedMotion = $state(false);
  printing = $state(false);
  theme = $derived(this.dark && !this.printing ? DARK : LIGHT);

  constructor() {
    if (typeof window === 'undefined' || !window.matchMedia) return;
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.dark = dark.matches;
    this.reducedMotion = motion.matches;
    const print = window.matchMedia('print');
    this.printing = print.matches;
    dark.addEventListener('change', (e) => (this.dark = e.matches));
    print.addEventListener('change', (e) => (this.printing = e.matches));
    motion.addEventListener('change', (e) => (this.reducedMotion = e.matches));
  }
}

export const media = new MediaPreferences();

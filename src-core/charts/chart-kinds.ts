// The comparison chart kinds and heatmap orderings, with no dependencies: the api's schemas use them too.

export const CHART_KINDS = ['heatmap', 'bars', 'radar', 'scatter', 'breakdown', 'timeline'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export const CHART_KIND_LABELS: Record<ChartKind, string> = {
  heatmap: 'Heatmap',
  bars: 'Grouped bars',
  radar: 'Radar',
  scatter: 'Two-party scatter',
  breakdown: 'Breakdown',
  timeline: 'Over time',
};

export const SORT_KEYS = ['worst', 'mean', 'nash', 'spread', 'none'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_KEY_LABELS: Record<SortKey, string> = {
  worst: 'worst match',
  mean: 'mean match',
  nash: 'Nash product',
  spread: 'spread',
  none: 'as given',
};

/** Kinds that show one scenario (the `scenario` setting, default the first compared). */
export const SINGLE_SCENARIO_KINDS: readonly ChartKind[] = ['breakdown', 'timeline'];

/** At most this many scenarios are compared at once (the Compare view's limit, and the exports'). */
export const MAX_COMPARED = 20;

/** The file formats a chart exports to; the format of a CLI export follows the file's extension. */
export const CHART_FORMATS = ['svg', 'png', 'pdf', 'csv'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

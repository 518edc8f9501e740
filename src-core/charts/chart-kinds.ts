// The comparison chart kinds and heatmap orderings, with no dependencies: the api's schemas use them too.

/** The Compare view's tabs. */
export const COMPARE_KINDS = ['heatmap', 'bars', 'radar', 'scatter', 'breakdown'] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];
/** The charts of a robustness analysis (DESIGN.md §12): grouped bars with p5–p95 ranges, and the flip points. */
export const ROBUSTNESS_KINDS = ['ranges', 'tornado'] as const;
export const CHART_KINDS = [...COMPARE_KINDS, ...ROBUSTNESS_KINDS] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
export const isRobustnessKind = (kind: ChartKind): kind is (typeof ROBUSTNESS_KINDS)[number] => (ROBUSTNESS_KINDS as readonly string[]).includes(kind);

export const CHART_KIND_LABELS: Record<ChartKind, string> = {
  heatmap: 'Heatmap',
  bars: 'Grouped bars',
  radar: 'Radar',
  scatter: 'Two-party scatter',
  breakdown: 'Breakdown',
  ranges: 'Grouped bars with match ranges',
  tornado: 'Flip points (tornado)',
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

/** At most this many scenarios are compared at once (the Compare view's limit, and the exports'). */
export const MAX_COMPARED = 20;

/** The file formats a chart exports to; the format of a CLI export follows the file's extension. */
export const CHART_FORMATS = ['svg', 'png', 'pdf', 'csv'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

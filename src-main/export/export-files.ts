// One export path for the app (through the api) and the CLI: which scenarios are compared, and each
// chart or report as a finished file. Bad input is an ApiError('invalid_input') that names what is wrong.
import { ApiError } from '../../src-core/api.ts';
import { chartCsv, chartSettingsErrors, chartTitle, defaultChartSize, isRobustnessKind, MAX_COMPARED, type ChartFormat, type ChartKind, type ChartSettings } from '../../src-core/charts/index.ts';
import { compareData, type CompareData } from '../../src-core/charts/compare-data.ts';
import { themeByName } from '../../src-core/charts/palette.ts';
import type { Case, Scenario } from '../../src-core/model.ts';
import { analyseRobustness, type RobustnessAnalysis } from '../../src-core/robustness/sensitivity.ts';
import { DEFAULT_ROBUSTNESS, robustnessSettingsErrors, type RobustnessSettings } from '../../src-core/robustness/settings.ts';
import { svgToPdf } from './pdf-export.ts';
import { svgToPng, type PngScale } from './png-export.ts';
import { renderReportPdf, type ReportOptions } from './report-pdf.ts';
import { renderChart } from './svg-export.ts';

/** The largest image a PNG export renders (width × height × scale²): about 250 MB of pixels. */
export const MAX_PNG_PIXELS = 64_000_000;

export interface RenderedFile {
  fileName: string;
  mime: string;
  data: Buffer;
}

export interface AdhocScenario {
  name: string;
  terms: Record<string, string>;
}

export const ADHOC_ID = 'adhoc';

/**
 * The scenarios to compare: the given ids in the given order (none = all of the case's), then the ad-hoc
 * scenario if any (id "adhoc"). With no ids but an ad-hoc scenario, only the ad-hoc one.
 */
export function compareScenarios(c: Case, ids: readonly string[], adhoc?: AdhocScenario): Scenario[] {
  const picked: Scenario[] = [];
  for (const id of ids) {
    const s = c.scenarios.find((x) => x.id === id);
    if (!s) throw new ApiError('invalid_input', `no scenario "${id}" in case "${c.id}" (scenarios: ${c.scenarios.map((x) => x.id).join(', ') || 'none'})`);
    if (picked.includes(s)) throw new ApiError('invalid_input', `scenario "${id}" is given twice`);
    picked.push(s);
  }
  if (ids.length === 0 && !adhoc) {
    if (c.scenarios.length === 0) throw new ApiError('invalid_input', `case "${c.id}" has no scenarios to compare`);
    picked.push(...c.scenarios);
  }
  if (adhoc) {
    const errors = termsErrors(c, adhoc.terms);
    if (errors.length) throw new ApiError('invalid_input', `the ad-hoc scenario does not fit case "${c.id}": ${errors.join('; ')}`);
    picked.push({ id: ADHOC_ID, name: adhoc.name, terms: { ...adhoc.terms } });
  }
  if (picked.length > MAX_COMPARED) {
    throw new ApiError('invalid_input', `${picked.length} scenarios chosen from case "${c.id}"; at most ${MAX_COMPARED} can be compared at once, so choose which`);
  }
  return picked;
}

function termsErrors(c: Case, terms: Record<string, string>): string[] {
  const errors: string[] = [];
  for (const [issueId, optionId] of Object.entries(terms)) {
    const issue = c.issues.find((i) => i.id === issueId);
    if (!issue) errors.push(`terms.${issueId}: "${issueId}" is not an issue of the case (issues: ${c.issues.map((i) => i.id).join(', ')})`);
    else if (!issue.options.some((o) => o.id === optionId)) errors.push(`terms.${issueId}: "${optionId}" is not an option of issue "${issueId}" (options: ${issue.options.map((o) => o.id).join(', ')})`);
  }
  return errors;
}

export interface ChartRequest extends ChartSettings {
  kind: ChartKind;
  format: ChartFormat;
  width?: number;
  height?: number;
  scale?: PngScale;
  theme?: 'light' | 'dark';
  /** The robustness analysis behind the ranges and tornado charts (default: DEFAULT_ROBUSTNESS). */
  robustness?: RobustnessSettings;
}

const MIME: Record<ChartFormat, string> = { svg: 'image/svg+xml', png: 'image/png', pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' };

export function chartFile(c: Case, scenarios: readonly Scenario[], asOf: string | null, request: ChartRequest): RenderedFile {
  const { kind, format, width, height, scale = 1, theme = 'light', robustness, ...settings } = request;
  const compared = compareData(c, scenarios, asOf);
  const data: CompareData = isRobustnessKind(kind) ? { ...compared, robustness: robustnessOf(c, scenarios, asOf, robustness) } : compared;
  const errors = chartSettingsErrors(data, settings);
  if (errors.length) throw new ApiError('invalid_input', errors.join('; '));
  const fileName = chartFileName(c, kind, format, settings, scale, data.parties.map((p) => p.id), scenarios[0]?.id);

  if (format === 'csv') return { fileName, mime: MIME.csv, data: Buffer.from(chartCsv(kind, data, settings), 'utf8') };

  const size = width !== undefined && height !== undefined ? { width, height } : defaultChartSize(kind, data, settings, width);
  const h = height ?? size.height;
  if (format === 'png' && size.width * h * scale * scale > MAX_PNG_PIXELS) {
    throw new ApiError('invalid_input', `a ${size.width}×${h} chart at ${scale}× is ${Math.round((size.width * h * scale * scale) / 1e6)} million pixels, more than the ${MAX_PNG_PIXELS / 1e6} million a PNG export draws; use a smaller size or scale, or SVG or PDF`);
  }
  const { svg } = renderChart(kind, data, { ...settings, width: size.width, height: h, theme: themeByName(theme) });
  if (format === 'svg') return { fileName, mime: MIME.svg, data: Buffer.from(svg, 'utf8') };
  if (format === 'png') return { fileName, mime: MIME.png, data: svgToPng(svg, scale) };
  return { fileName, mime: MIME.pdf, data: svgToPdf(svg, size.width, h, { title: `${chartTitle(kind, data, settings)} — ${c.title}` }) };
}

function chartFileName(c: Case, kind: ChartKind, format: ChartFormat, settings: ChartSettings, scale: PngScale, partyIds: string[], firstScenario: string | undefined): string {
  let name = `${c.id}-${kind}`;
  if (kind === 'scatter') name += `-${settings.parties?.[0] ?? partyIds[0]}-${settings.parties?.[1] ?? partyIds[1] ?? partyIds[0]}`;
  if (kind === 'breakdown') name += `-${settings.scenario ?? firstScenario}`;
  if (format === 'png' && scale > 1) name += `@${scale}x`;
  return `${name}.${format}`;
}

/** The robustness analysis (DESIGN.md §12) of the compared scenarios; settings that do not fit the case are invalid input. */
export function robustnessOf(c: Case, scenarios: readonly Scenario[], asOf: string | null, settings: RobustnessSettings = DEFAULT_ROBUSTNESS): RobustnessAnalysis {
  const errors = robustnessSettingsErrors(c, settings);
  if (errors.length) throw new ApiError('invalid_input', `robustness: ${errors.join('; ')}`);
  return analyseRobustness(c, scenarios, settings, asOf);
}

/** What a report request may set: its printed date and the settings of its robustness pages. */
export interface ReportRequest {
  date?: string;
  robustness?: RobustnessSettings;
}

export function reportFile(c: Case, scenarios: readonly Scenario[], asOf: string | null, request: ReportRequest = {}): RenderedFile {
  const options: ReportOptions = { robustness: robustnessOf(c, scenarios, asOf, request.robustness), ...(request.date !== undefined && { date: request.date }) };
  return { fileName: `${c.id}-report.pdf`, mime: MIME.pdf, data: renderReportPdf(c, scenarios, asOf, options) };
}

import path from 'node:path';
import { CHART_FORMATS, CHART_KINDS, isRobustnessKind, SORT_KEYS } from '../../../src-core/charts/index.ts';
import { DATE_PATTERN, type Case } from '../../../src-core/model.ts';
import { chartFile, compareScenarios } from '../../export/export-files.ts';
import { DB_HELP, dbOption, expectPositionals, oneOf, type Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { loadCase } from '../library-access.ts';
import { checkObjectiveFits, ROBUSTNESS_HELP, ROBUSTNESS_USAGE, robustnessFlags, robustnessOptions } from '../robustness-flags.ts';
import { writeFileAtomic } from './export.ts';

export const chart: Command = {
  name: 'chart',
  summary: 'export a comparison chart of scenarios as SVG, PNG, PDF or CSV',
  usage:
    `parley chart CASE --kind ${CHART_KINDS.join('|')} [--scenario ID]... [--parties A,B] --out FILE.svg|png|pdf|csv ` +
    `[--width W] [--height H] [--scale 1|2|3] [--theme light|dark] [--as-of YYYY-MM-DD] [--sort worst|mean|nash|spread|none] ${ROBUSTNESS_USAGE} [--db FILE]`,
  help: [
    'CASE is a case id in the library or a path to a case file. The format follows the extension of --out;',
    'CSV holds the numbers behind the chart, unrounded.',
    '  --kind K          heatmap, bars (grouped bars), radar, scatter (two parties), breakdown (one scenario),',
    '                    ranges (grouped bars with p5–p95 match ranges) or tornado (flip points)',
    "  --scenario ID     a scenario to compare (repeatable, up to 20; default: all of the case's);",
    '                    breakdown shows the first',
    '  --parties A,B     scatter: the parties on the x and y axes (default: the first two)',
    '  --out FILE        where to write (required); written whole or not at all',
    '  --width W         width in px (default: the size at which every label fits)',
    '  --height H        height in px (default: the height that suits the width)',
    '  --scale S         PNG only: 1 (default), 2 or 3 pixels per px',
    '  --theme T         light (default) or dark',
    "  --as-of DATE      positions in force on DATE (default: the case's asOf, else the latest)",
    '  --sort KEY        heatmap row order: worst, mean, nash, spread or none (default: worst, as in the app)',
    'ranges and tornado draw a robustness analysis (see parley sensitivity --help):',
    ROBUSTNESS_HELP,
    DB_HELP,
  ].join('\n'),
  options: {
    ...dbOption,
    kind: { type: 'string' },
    scenario: { type: 'string', multiple: true },
    parties: { type: 'string' },
    out: { type: 'string', short: 'o' },
    width: { type: 'string' },
    height: { type: 'string' },
    scale: { type: 'string' },
    theme: { type: 'string' },
    'as-of': { type: 'string' },
    sort: { type: 'string' },
    ...robustnessOptions,
  },
  run({ values, positionals }, io) {
    expectPositionals(this, positionals, 1);
    if (values.kind === undefined) throw new UsageError(`--kind is required (${CHART_KINDS.join(', ')})\nusage: ${this.usage}`);
    const kind = oneOf(this, 'kind', values.kind, CHART_KINDS, 'heatmap');
    const out = requireOut(this, values.out);
    const format = formatOf(this, out, CHART_FORMATS);
    const width = intFlag(this, 'width', values.width, 240, 4000);
    const height = intFlag(this, 'height', values.height, 160, 12000);
    const scaleFlag = intFlag(this, 'scale', values.scale, 1, 3) as 1 | 2 | 3 | undefined;
    if (scaleFlag !== undefined && format !== 'png') throw new UsageError(`--scale applies to PNG output only\nusage: ${this.usage}`);
    const theme = oneOf(this, 'theme', values.theme, ['light', 'dark'] as const, 'light');
    const sortBy = oneOf(this, 'sort', values.sort, SORT_KEYS, 'worst');
    const asOfFlag = asOfOption(this, values['as-of']);
    const robustness = robustnessFlags(this, values);
    const robustnessFlag = Object.keys(robustnessOptions).find((flag) => values[flag] !== undefined);
    if (robustnessFlag && !isRobustnessKind(kind)) throw new UsageError(`--${robustnessFlag} applies to --kind ranges or tornado only\nusage: ${this.usage}`);
    let parties: [string, string] | undefined;
    if (values.parties !== undefined) {
      const ids = String(values.parties).split(',').map((s) => s.trim());
      if (ids.length !== 2 || ids.some((s) => s === '')) throw new UsageError(`--parties takes two party ids, like --parties russia,ukraine\nusage: ${this.usage}`);
      parties = [ids[0]!, ids[1]!];
    }

    const c = loadCase(positionals[0]!, values.db, io);
    checkObjectiveFits(c, robustness);
    const scenarios = compareScenarios(c, (values.scenario as string[] | undefined) ?? []);
    const file = chartFile(c, scenarios, asOfOrDefault(c, asOfFlag), {
      kind,
      format,
      theme,
      sortBy,
      ...(width !== undefined && { width }),
      ...(height !== undefined && { height }),
      ...(scaleFlag !== undefined && { scale: scaleFlag }),
      ...(parties && { parties }),
      ...(kind === 'breakdown' && { scenario: scenarios[0]!.id }),
      ...(isRobustnessKind(kind) && { robustness }),
    });
    writeFileAtomic(path.resolve(io.cwd, out), file.data);
    io.stdout(`wrote ${out}\n`);
    return 0;
  },
};

export function requireOut(cmd: Command, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`--out FILE is required\nusage: ${cmd.usage}`);
  return value;
}

/** The output format from the file's extension. */
export function formatOf<F extends string>(cmd: Command, file: string, formats: readonly F[]): F {
  const ext = path.extname(file).slice(1).toLowerCase();
  if ((formats as readonly string[]).includes(ext)) return ext as F;
  throw new UsageError(`--out ${file}: the file name must end in ${formats.map((f) => `.${f}`).join(', ')} (the format follows the extension)\nusage: ${cmd.usage}`);
}

function intFlag(cmd: Command, flag: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}\nusage: ${cmd.usage}`);
  return n;
}

export const asOfOption = (cmd: Command, value: unknown): string | undefined => dateOption(cmd, 'as-of', value);

export function dateOption(cmd: Command, flag: string, value: unknown): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || !DATE_PATTERN.test(value))) throw new UsageError(`--${flag} must be a date written YYYY-MM-DD\nusage: ${cmd.usage}`);
  return value as string | undefined;
}

export const asOfOrDefault = (c: Case, flag: string | undefined): string | null => flag ?? c.asOf ?? null;


// The one way a bench reports: a table of numbers that is printed for a person and recorded
// for `npm run bench -- --json`, so the same figures reach the terminal, the JSON file and
// bench/README.md. A row that compares Atelier with a raw library carries both numbers and
// their ratio side by side, so a regression shows in one line of a review diff.

/** A cell: a number (rounded when recorded), a word, or null for "does not apply" (printed as —). */
export type Cell = number | string | null;

export interface Column {
  /** The row field this column shows: `atelier`, `raw`, `ratio` or any other cell name. */
  key: string;
  name: string;
  unit?: string;
  /** Fixed decimals; without it numbers keep three significant digits (integers from 100 up). */
  digits?: number;
}

/**
 * How many timed runs a bench makes: `fallback`, or BENCH_RUNS for a quick check on a busy
 * machine. Titles say the count, so a recorded quick run cannot pass for a full one.
 */
export function benchRuns(fallback: number): number {
  const asked = Number(process.env.BENCH_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : fallback;
}

/** The middle value (the upper middle of an even count): what a bench reports of its timed runs. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The ratio column every comparison table ends with: above 1 means Atelier's figure is the larger. */
export const RATIO: Column = { key: 'ratio', name: 'Atelier ÷ raw' };

export interface Row {
  label: string;
  /** Atelier's figure and the raw library's for the same work; `ratio` is atelier ÷ raw unless given. */
  atelier?: number;
  raw?: number;
  ratio?: number;
  [cell: string]: Cell | undefined;
}

export interface Table {
  /** The bench's name in bench/run.ts: results merge by it. */
  bench: string;
  title: string;
  note?: string;
  /** Header of the label column. */
  label?: string;
  columns: Column[];
  rows: Row[];
}

/** What is recorded: rows hold only cells, numbers rounded as printed. */
export interface RecordedTable {
  bench: string;
  title: string;
  note?: string;
  label: string;
  columns: Column[];
  rows: { label: string; [cell: string]: Cell }[];
}

/** Rounds as the table prints: fixed decimals when asked, else three significant digits. */
export function round(value: number, digits?: number): number {
  if (!Number.isFinite(value)) return value;
  if (digits !== undefined) return Number(value.toFixed(digits));
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}

export function formatCell(value: Cell | undefined, digits?: number): string {
  if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) return '—';
  if (typeof value === 'string') return value;
  if (digits !== undefined) return value.toFixed(digits);
  return Math.abs(value) >= 100 ? Math.round(value).toString() : value.toPrecision(3).replace(/e\+?/, 'e');
}

const header = (column: Column) => (column.unit ? `${column.name} (${column.unit})` : column.name);

/**
 * Checks the table's shape and fills in ratios. A comparison row without a raw column or a
 * ratio column beside it is a bench bug: the baseline would be measured but never shown.
 */
export function recordTable(table: Table): RecordedTable {
  const keys = new Set(table.columns.map((c) => c.key));
  const rows = table.rows.map((row) => {
    const compared = row.atelier !== undefined && row.raw !== undefined;
    if (compared && !(keys.has('atelier') && keys.has('raw') && keys.has('ratio'))) {
      throw new Error(`bench ${table.bench}: row "${row.label}" compares Atelier with raw, so the table needs atelier, raw and ratio columns`);
    }
    const full: Row = compared && row.ratio === undefined ? { ...row, ratio: (row.atelier as number) / (row.raw as number) } : row;
    const recorded: { label: string; [cell: string]: Cell } = { label: row.label };
    for (const column of table.columns) {
      const value = full[column.key];
      recorded[column.key] = value === undefined ? null : typeof value === 'number' ? round(value, column.digits) : value;
    }
    return recorded;
  });
  return {
    bench: table.bench,
    title: table.title,
    ...(table.note ? { note: table.note } : {}),
    label: table.label ?? '',
    columns: table.columns,
    rows,
  };
}

/** The table as Markdown: what the terminal shows and what bench/README.md keeps. */
export function tableMarkdown(table: RecordedTable): string {
  const lines = [
    `| ${[table.label, ...table.columns.map(header)].join(' | ')} |`,
    `| --- |${table.columns.map(() => ' ---: |').join('')}`,
    ...table.rows.map((row) => `| ${[row.label, ...table.columns.map((c) => formatCell(row[c.key], c.digits))].map(escapePipes).join(' | ')} |`),
  ];
  return lines.join('\n');
}

const escapePipes = (text: string) => text.replaceAll('|', '\\|');

export function tableText(table: RecordedTable): string {
  return [`${table.bench}: ${table.title}`, '', tableMarkdown(table), ...(table.note ? ['', table.note] : [])].join('\n');
}

const recorded: RecordedTable[] = [];

/** Prints the table and keeps it for bench/run.ts to write out. */
export function report(table: Table): void {
  const made = recordTable(table);
  recorded.push(made);
  console.log(`\n${tableText(made)}\n`);
}

/** The tables reported since the last call, oldest first. */
export function takeReports(): RecordedTable[] {
  return recorded.splice(0, recorded.length);
}

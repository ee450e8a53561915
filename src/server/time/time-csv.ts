/**
 * @module The monthly time summary as CSV (RFC 4180 quoting). Cells that a spreadsheet would run
 * as a formula (starting with = + - @, tab or carriage return) get a leading apostrophe.
 */
import type { TimeList } from '../../shared/time.ts';

export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: (string | number | boolean)[]): string {
  return cells.map(csvCell).join(',');
}

export function renderTimeCsv(
  list: TimeList,
  engagementTitles: ReadonlyMap<string, string>,
): string {
  const lines = [csvRow(['date', 'person', 'engagement', 'hours', 'billable', 'note'])];
  for (const e of list.entries)
    lines.push(
      csvRow([
        e.date,
        e.userName ?? '',
        e.engagementId ? (engagementTitles.get(e.engagementId) ?? '') : '',
        e.hours,
        e.billable ? 'yes' : 'no',
        e.note,
      ]),
    );
  lines.push(csvRow(['total', '', '', list.totals.hours, '', `${list.month}`]));
  lines.push(csvRow(['total billable', '', '', list.totals.billableHours, 'yes', `${list.month}`]));
  for (const u of list.usage)
    lines.push(
      csvRow([
        'retainer budget',
        '',
        u.title,
        u.budgetHours,
        '',
        `${u.usedHours} used (${u.percent} %)`,
      ]),
    );
  return `${lines.join('\r\n')}\r\n`;
}

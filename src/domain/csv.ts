/** RFC 4180 CSV: comma-separated, `"`-quoted fields with `""` escapes, CRLF or LF rows, newlines in quotes. */

export interface CsvRow {
  /** 1-based line number where the row starts. */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** Parses CSV text; a leading BOM is ignored and blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quotedCell = false;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '' && !quotedCell)) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    quotedCell = false;
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '"' && cell === '' && !quotedCell) {
      quotedCell = true;
      i++;
      for (;;) {
        if (i >= src.length) throw new CsvError(rowLine, 'A quoted field is not closed.');
        const q = src[i] as string;
        if (q === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        cell += q;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        throw new CsvError(line, 'Unexpected text after a closing quote.');
      continue;
    }
    if (c === ',') {
      cells.push(cell);
      cell = '';
      quotedCell = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    if (c === '"') throw new CsvError(line, 'A quote inside an unquoted field; quote the whole field.');
    if (quotedCell) throw new CsvError(line, 'Unexpected text after a closing quote.');
    cell += c;
    i++;
  }
  if (cell !== '' || cells.length > 0 || quotedCell) endRow();
  return rows;
}

// Spreadsheets run cells that start with these as formulas (OWASP "CSV injection").
const FORMULA = /^'*[=+\-@\t\r]/;

/** Neutralises a formula-looking cell with a leading `'`; `unneutralize` undoes it exactly. */
export function neutralize(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

export function unneutralize(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function quote(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Serialises rows as CSV with CRLF line ends (RFC 4180); formula-looking cells are neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return (
    rows.map((r) => r.map((v) => quote(neutralize(v))).join(',')).join('\r\n') + (rows.length ? '\r\n' : '')
  );
}

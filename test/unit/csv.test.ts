import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, neutralize, parseCsv, toCsv, unneutralize } from '../../src/domain/csv';

const cells = (text: string) => parseCsv(text).map((r) => r.cells);

describe('CSV', () => {
  it('parses quotes, commas, doubled quotes and newlines inside quotes, with line numbers', () => {
    const rows = parseCsv('a,b,c\r\n"x, y","say ""hi""","line1\nline2"\n\nlast,,\n');
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\nline2'],
      ['last', '', ''],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('ignores a BOM, accepts a last row without newline, keeps an explicitly empty quoted row', () => {
    expect(cells('\uFEFFa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(cells('""\n')).toEqual([['']]);
  });

  it('refuses broken quoting with the line number', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
    expect(() => parseCsv('a\n"x"y')).toThrow(/Line 2/);
    expect(() => parseCsv('a"b')).toThrow(/quote/);
  });

  it('neutralises formula-looking cells, exactly reversibly', () => {
    expect(neutralize('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutralize('@cmd')).toBe("'@cmd");
    expect(neutralize("'=x")).toBe("''=x");
    expect(neutralize('plain')).toBe('plain');
    for (const v of ['=1', "'=1", "''+2", '-3', 'a=b', "'quoted"])
      expect(unneutralize(neutralize(v))).toBe(v);
  });

  it('round-trips any table of strings (fast-check)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', '=', '+', '-', '@', "'", 'é', '\t', '1'),
    });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          ),
        (table) => {
          // A row of one empty cell is a blank line, which CSV cannot tell from nothing.
          const rows = table.filter((r) => !(r.length === 1 && r[0] === ''));
          const back = parseCsv(toCsv(rows)).map((r) => r.cells.map(unneutralize));
          expect(back).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

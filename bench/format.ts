/** Small formatting helpers for the report's tables. */
export const ms = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
export const fixed = (value: number, digits = 1) => value.toFixed(digits);
export const int = (value: number) => Math.round(value).toLocaleString('en');
export const pct = (share: number) => `${Math.round(share * 100)} %`;

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

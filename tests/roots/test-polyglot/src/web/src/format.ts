/** Number formatting. */
export function format(n: number): string {
  return n.toFixed(2);
}
export const PRECISION = 2;

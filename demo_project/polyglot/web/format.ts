/** Text forms of vectors. */
export const DIGITS = 2;

/** `(x, y, z)` with DIGITS decimals. */
export function formatVec(x: number, y: number, z: number): string {
  return `(${x.toFixed(DIGITS)}, ${y.toFixed(DIGITS)}, ${z.toFixed(DIGITS)})`;
}

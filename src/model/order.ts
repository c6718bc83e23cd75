/**
 * The one order of paths and ids in a report: UTF-16 code units, as Array.prototype.sort has it, so
 * it never depends on a locale.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An integer with commas between groups of three digits, as `toLocaleString('en-US')` prints it,
 * without loading ICU's number formatter: that first call costs tens of milliseconds, which an
 * "up to date" build (a process that does little else) would otherwise spend on its summary line.
 * Not an integer: `toLocaleString` after all (rare, and the same text).
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = digits.slice(Math.max(0, end - 3), end) + (out ? ',' + out : '');
  return n < 0 || Object.is(n, -0) ? '-' + out : out;
}

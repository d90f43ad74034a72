/**
 * Flash and RAM use from `avr-size -A` (System V format: one line per section with its size).
 * Flash holds .text and .data's initial values; RAM holds .data, .bss and .noinit.
 */
export function parseAvrSize(text: string): { flash: number; ram: number } {
  const sections: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^(\.\S+)\s+(\d+)\s+\d+/.exec(line.trim());
    if (m) sections[m[1]!] = Number(m[2]);
  }
  const s = (name: string) => sections[name] ?? 0;
  return { flash: s('.text') + s('.data'), ram: s('.data') + s('.bss') + s('.noinit') };
}

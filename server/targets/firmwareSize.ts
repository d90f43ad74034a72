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

/**
 * What an esp32 firmware uses, from `size -A -d` as pioarduino's builder/main.py reads it: program
 * size is the sum of .iram0.text, .iram0.vectors, .dram0.data, .flash.text and .flash.rodata (its
 * SIZEPROGREGEXP); data size .dram0.data, .dram0.bss and .noinit (SIZEDATAREGEXP).
 */
export function parseEsp32Size(text: string): { flash: number; ram: number } {
  const prog = /^(?:\.iram0\.text|\.iram0\.vectors|\.dram0\.data|\.flash\.text|\.flash\.rodata|)\s+([0-9]+).*/;
  const data = /^(?:\.dram0\.data|\.dram0\.bss|\.noinit)\s+([0-9]+).*/;
  let flash = 0;
  let ram = 0;
  for (const line of text.split('\n')) {
    flash += Number(prog.exec(line)?.[1] ?? 0);
    ram += Number(data.exec(line)?.[1] ?? 0);
  }
  return { flash, ram };
}

/** A GNU ld "region X overflowed by N bytes" message: the region and the excess, or undefined. */
export function linkerOverflow(stderr: string): { region: string; bytes: string } | undefined {
  const m = /region [`']?(\w+)'? overflowed by (\d+) bytes/.exec(stderr);
  return m ? { region: m[1]!, bytes: m[2]! } : undefined;
}

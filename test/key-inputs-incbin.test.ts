import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { provesCase, UNO_INI } from './helpers/keyInputs.ts';

// With LTO, the inline asm is assembled by the link: the object does not change with the file.
const MAIN = `#include <Arduino.h>
#include <avr/pgmspace.h>
asm(".section .progmem.data,\\"a\\",@progbits\\n.global font_data\\nfont_data:\\n.incbin \\"data/font.bin\\"\\n.previous\\n");
extern const uint8_t font_data[] PROGMEM;
void setup() { DDRB = pgm_read_byte(&font_data[1]); }
void loop() {}
`;

test('a file embedded by .incbin changes: the firmware holds the new bytes, in this and another checkout', async (t) => {
  await provesCase(t, {
    name: 'incbin',
    project: () => ({
      'platformio.ini': UNO_INI,
      'src/main.cpp': MAIN,
      'data/font.bin': Uint8Array.from([1, 2, 3, 4]),
    }),
    change: (dir) => writeFileSync(join(dir, 'data/font.bin'), Uint8Array.from([1, 9, 3, 4])),
    reason: 'embedded file changed',
  });
});

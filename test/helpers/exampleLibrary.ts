import { writeFiles } from './fixtures.js';

/**
 * A small Arduino library, written as a maintainer lays one out: `library.properties`, `src/`, and
 * three examples. `Hello` prints a greeting through the library; `Board` names the board it was built
 * for through a board-specific `#if` (and refuses any board it does not know); `Broken` calls a
 * function the library does not have, so it fails to compile on every board.
 */
export function writeExampleLibrary(root: string, opts: { greeting?: string } = {}): void {
  writeFiles(root, {
    'library.properties': [
      'name=Greeter',
      'version=1.0.0',
      'author=fbuild tests',
      'sentence=Says hello on Serial.',
      'architectures=avr',
      '',
    ].join('\n'),
    'src/Greeter.h': ['#pragma once', '#include <Arduino.h>', 'void greet(Print &out, const char *who);', ''].join('\n'),
    'src/Greeter.cpp': [
      '#include "Greeter.h"',
      'void greet(Print &out, const char *who) {',
      `  out.print(F("${opts.greeting ?? 'Hello'}, "));`,
      '  out.println(who);',
      '}',
      '',
    ].join('\n'),
    'examples/Hello/Hello.ino': [
      '#include <Greeter.h>',
      'void setup() {',
      '  Serial.begin(9600);',
      '  greet(Serial, "world");',
      '}',
      'void loop() {}',
      '',
    ].join('\n'),
    'examples/Board/Board.ino': [
      '#include <Greeter.h>',
      '#if defined(ARDUINO_AVR_NANO)',
      'const char *board = "nano";',
      '#elif defined(ARDUINO_AVR_UNO)',
      'const char *board = "uno";',
      '#else',
      '#error "Board knows only the uno and the nano"',
      '#endif',
      'void setup() {',
      '  Serial.begin(9600);',
      '  greet(Serial, board);',
      '}',
      'void loop() {}',
      '',
    ].join('\n'),
    'examples/Broken/Broken.ino': [
      '#include <Greeter.h>',
      'void setup() {',
      '  Serial.begin(9600);',
      '  greetLoudly(Serial, "nobody");',
      '}',
      'void loop() {}',
      '',
    ].join('\n'),
  });
}

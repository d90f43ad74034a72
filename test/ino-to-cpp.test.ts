import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inoToCpp, type InoFile } from '../server/project/inoToCpp.ts';

const CORE = '/usr/share/arduino/hardware/arduino/avr/cores/arduino';
const VARIANT = '/usr/share/arduino/hardware/arduino/avr/variants/standard';

const LINE = /^#line (\d+) "((?:[^"\\]|\\.)*)"$/;
const unquote = (s: string) => s.replace(/\\(.)/g, '$1');

interface Walk {
  /** Output lines that are not user code: prototypes and the directives around them. */
  generated: string[];
  /** `path:line` of every user line, in output order. */
  mapped: string[];
}

/**
 * Follows the `#line` directives of a conversion like a compiler would and checks that every output
 * line attributed to a file and line is exactly that line of that file. Lines that do not match are
 * generated (prototypes, the conditionals around them); after one, a `#line` must come before user code.
 */
function walk(out: string, files: InoFile[]): Walk {
  const source = new Map(files.map((f) => [f.path, f.text.replace(/^\uFEFF/, '').split('\n')]));
  const lines = out.split('\n');
  assert.equal(lines[0], '#include <Arduino.h>');
  assert.equal(lines[lines.length - 1], '', 'output ends with a newline');
  const generated: string[] = [];
  const mapped: string[] = [];
  let cur: { path: string; line: number } | null = null;
  for (const l of lines.slice(1, -1)) {
    const m = LINE.exec(l);
    if (m) {
      cur = { path: unquote(m[2]!), line: Number(m[1]) };
      assert.ok(source.has(cur.path), `#line names a sketch file: ${l}`);
      continue;
    }
    if (cur && source.get(cur.path)![cur.line - 1] === l) {
      mapped.push(`${cur.path}:${cur.line}`);
      cur.line++;
    } else {
      generated.push(l);
      cur = null;
    }
  }
  // Every line of every file appears exactly once (a trailing newline adds an empty last "line").
  const expected = files.flatMap((f) => {
    const n = f.text.replace(/^\uFEFF/, '').split('\n').length - (f.text.endsWith('\n') ? 1 : 0);
    return Array.from({ length: n }, (_, k) => `${f.path}:${k + 1}`);
  });
  assert.deepEqual([...mapped].sort(), [...expected].sort(), 'each user line is emitted once with its own file and line');
  return { generated, mapped };
}

/** The prototypes generated for a one-file sketch. */
function protos(text: string): string[] {
  const files = [{ path: 'sketch.ino', text }];
  return walk(inoToCpp(files), files).generated.filter((l) => !l.startsWith('#'));
}

test('basic sketch: prototypes for every function, inserted before the first definition', () => {
  const text = [
    '#include <Servo.h>', // 1
    'int led = 13;', // 2
    '', // 3
    'void setup() {', // 4
    '  blink(3);', // 5
    '}', // 6
    'void loop() {}', // 7
    'void blink(int times) {', // 8
    '  for (int i = 0; i < times; i++) { digitalWrite(led, i & 1); }', // 9
    '}', // 10
  ].join('\n');
  const out = inoToCpp([{ path: 'sketch.ino', text }]);
  assert.equal(
    out,
    [
      '#include <Arduino.h>',
      '#line 1 "sketch.ino"',
      '#include <Servo.h>',
      'int led = 13;',
      '',
      '#line 4 "sketch.ino"',
      'void setup();',
      '#line 7 "sketch.ino"',
      'void loop();',
      '#line 8 "sketch.ino"',
      'void blink(int times);',
      '#line 4 "sketch.ino"',
      ...text.split('\n').slice(3),
      '',
    ].join('\n'),
  );
});

test('return types with pointers, references, const, unsigned, namespaces, attributes and extern "C"', () => {
  assert.deepEqual(
    protos(
      [
        'const char* name(const String &s, int *p) { return "x"; }',
        'int &counter() { static int c; return c; }',
        'unsigned long long big(void) { return 1; }',
        'char * const * table(char **argv, const uint8_t(&arr)[4]) { return argv; }',
        'volatile uint8_t *port(uint8_t pin) { return portOutputRegister(pin); }',
        '__attribute__((noinline)) void slow() {}',
        'extern "C" void cfun(int x) {}',
        'inline float half(float f) { return f / 2; }',
        'auto trailing(int a) -> int { return a; }',
        'void rv(String &&s) noexcept {}',
        '[[noreturn]] void die() { for (;;); }',
      ].join('\n'),
    ),
    [
      'const char* name(const String &s, int *p);',
      'int &counter();',
      'unsigned long long big(void);',
      'char * const * table(char **argv, const uint8_t(&arr)[4]);',
      'volatile uint8_t *port(uint8_t pin);',
      '__attribute__((noinline)) void slow();',
      'extern "C" void cfun(int x);',
      'inline float half(float f);',
      'auto trailing(int a) -> int;',
      'void rv(String &&s) noexcept;',
      '[[noreturn]] void die();',
    ],
  );
});

test('static functions keep static; multi-line headers are collapsed onto one line without comments', () => {
  assert.deepEqual(
    protos(
      [
        'static int twice(int x) { return 2 * x; }',
        'static',
        'const char *',
        'describe(const char *what,   /* the thing */',
        '         int    level) // how much',
        '{',
        '  return what;',
        '}',
        'void   spaced ( int a ,',
        '\tint b )',
        '{ }',
      ].join('\n'),
    ),
    ['static int twice(int x);', 'static const char * describe(const char *what, int level);', 'void spaced ( int a , int b );'],
  );
});

test('functions after structs and classes with inline methods; class bodies yield no prototypes', () => {
  const text = [
    'struct Point { int x, y; int sum() const { return x + y; } };',
    'class Motor {',
    ' public:',
    '  Motor(int pin) : pin_(pin) {}',
    '  void run(int speed) { analogWrite(pin_, speed); }',
    ' private:',
    '  int pin_;',
    '};',
    'enum Mode { OFF, ON };',
    'union U { int i; float f; };',
    'int table[] = { 1, 2, 3 };',
    'Motor motor(5);',
    'int dist(Point a, Point b) { return abs(a.x - b.x) + abs(a.y - b.y); }',
    'void setMode(Mode m) { if (m == ON) { motor.run(255); } else { motor.run(0); } }',
  ].join('\n');
  assert.deepEqual(protos(text), ['int dist(Point a, Point b);', 'void setMode(Mode m);']);
  // The prototypes go after the type definitions: right before `int dist(...)`.
  const out = inoToCpp([{ path: 's.ino', text }]);
  assert.ok(out.indexOf('int dist(Point a, Point b);') > out.indexOf('Motor motor(5);'));
});

test('comments, strings, char literals and raw strings with braces or fake functions are ignored', () => {
  const text = [
    '// void commented() {',
    '/* int blockCommented() {',
    '   } */',
    'const char *s = "void inString() { \\" }";',
    "char open = '{', quote = '\\'', close = '}';",
    'const char *raw = R"x(void inRaw() { )" })x";',
    '// a continued comment \\',
    'void continuedComment() {',
    'int /* inside */ real(/* int fake() { */ int a) // void alsoFake() {',
    '{',
    '  const char *t = "}}}"; // }',
    '  return a;',
    '}',
    "long n = 1'000; void afterDigitSeparator() {}",
  ].join('\n');
  assert.deepEqual(protos(text), ['int real( int a);', 'void afterDigitSeparator();']);
});

test('preprocessor lines are skipped, also when continued or holding braces', () => {
  const text = [
    '#define BODY(x) { x; }',
    '#define LONG_MACRO(a) \\',
    '  void notReal(a) { \\',
    '  }',
    '#pragma once',
    '  #  include "local.h"',
    'void real() BODY(return)',
    'void another() {}',
  ].join('\n');
  // `real` has no `{` of its own (it is inside the macro), so only `another` is seen.
  assert.deepEqual(protos(text), ['void another();']);
});

test('#if blocks: prototypes of conditional functions are wrapped in the same conditions', () => {
  const files = [
    {
      path: 's.ino',
      text: [
        '#define USE_SERIAL 1',
        'void setup() {}',
        '#if USE_SERIAL',
        'void log(const char *m) { Serial.println(m); }',
        '#elif defined(USE_LCD)',
        'void log(const char *m) { lcd.print(m); }',
        '#else',
        'void log(const char *m) {}',
        '#endif',
        '#ifdef NEVER_DEFINED',
        'void onlyHere(SomeUnknownType t) {}',
        '#endif',
      ].join('\n'),
    },
  ];
  const out = inoToCpp(files);
  const { generated } = walk(out, files);
  assert.deepEqual(generated, [
    'void setup();',
    '#if USE_SERIAL',
    'void log(const char *m);',
    '#endif',
    '#if USE_SERIAL',
    '#elif defined(USE_LCD)',
    'void log(const char *m);',
    '#endif',
    '#if USE_SERIAL',
    '#elif defined(USE_LCD)',
    '#else',
    'void log(const char *m);',
    '#endif',
    '#ifdef NEVER_DEFINED',
    'void onlyHere(SomeUnknownType t);',
    '#endif',
  ]);
});

test('#if blocks: include guards and macros (re)defined between insertion point and definition do not wrap', () => {
  const files = [
    {
      path: 's.ino',
      text: [
        '#ifndef SKETCH_H',
        '#define SKETCH_H',
        'void setup() { feature(); }',
        '#define FEATURE',
        '#ifdef FEATURE',
        'void feature() {}',
        '#endif',
        '#ifdef OTHER',
        'void other() {}',
        '#endif',
        '#endif',
      ].join('\n'),
    },
    // Defined after the definition: the condition means the same at the insertion point.
    { path: 't.ino', text: '#define OTHER\n' },
  ];
  assert.deepEqual(walk(inoToCpp(files), files).generated, ['void setup();', 'void feature();', '#ifdef OTHER', 'void other();', '#endif']);
});

test('#if blocks: when the first definition is conditional, prototypes are repeated once-only before the next ones', () => {
  const files = [
    {
      path: 's.ino',
      text: [
        '#ifdef DEBUG', // 1
        'void trace() { helper(); }', // 2
        '#endif', // 3
        'void setup() { helper(); }', // 4
        'void loop() {}', // 5
        'void helper() {}', // 6
      ].join('\n'),
    },
  ];
  const out = inoToCpp(files);
  const { generated } = walk(out, files);
  const block = [
    '#ifndef INO_TO_CPP_PROTOTYPES_EMITTED',
    '#define INO_TO_CPP_PROTOTYPES_EMITTED',
    '#ifdef DEBUG',
    'void trace();',
    '#endif',
    'void setup();',
    'void loop();',
    'void helper();',
    '#endif',
  ];
  assert.deepEqual(generated, [...block, ...block]);
  assert.ok(out.indexOf(block[0]!) < out.indexOf('void trace() {'));
  assert.ok(out.lastIndexOf(block[0]!) > out.indexOf('void trace() {'));
  assert.ok(out.lastIndexOf(block[0]!) < out.indexOf('void setup() {'));
});

test('an existing prototype is not duplicated; other overloads still get theirs', () => {
  assert.deepEqual(
    protos(
      [
        'void blink(int times);',
        'extern int measure(int pin, int samples = 4);',
        'void setup() { blink(2); }',
        'void blink(int n) {}',
        'void blink(int n, int ms) {}',
        'int measure(int pin, int samples) { return 0; }',
      ].join('\n'),
    ),
    ['void setup();', 'void blink(int n, int ms);'],
  );
});

test('definitions with default arguments, out-of-line methods, templates and operators get no prototype', () => {
  assert.deepEqual(
    protos(
      [
        'class Led { public: Led(int p); void on(); ~Led(); int pin; };',
        'Led::Led(int p) : pin(p) {}',
        'void Led::on() { digitalWrite(pin, HIGH); }',
        'Led::~Led() {}',
        'template <typename T> T biggest(T a, T b) { return a > b ? a : b; }',
        'template <>',
        'int biggest<int>(int a, int b) { return a; }',
        'template <class T> struct Box { T v; };',
        'void fade(int pin, int ms = 10) {}',
        'bool operator==(const Led &a, const Led &b) { return a.pin == b.pin; }',
        'void plain() {}',
      ].join('\n'),
    ),
    ['void plain();'],
  );
});

test('lambdas, namespaces, extern "C" blocks, initialisers, ISR() and macros are not prototyped', () => {
  assert.deepEqual(
    protos(
      [
        'auto sqr = [](int x) { return x * x; };',
        'std::function<void(int)> cb = [](int) {};',
        'namespace util { int inner(int a) { return a; } }',
        'extern "C" {',
        'void cInner(void) {}',
        '}',
        'struct Cfg { int a; } cfg = { 1 };',
        'int arr[2][2] = { {1, 2}, {3, 4} };',
        'ISR(TIMER1_COMPA_vect) { tick(); }',
        'DECLARE_THING(foo)',
        'void tick() {}',
      ].join('\n'),
    ),
    ['void tick();'],
  );
});

test('a function whose signature uses a type the sketch declares later gets no prototype', () => {
  const files = [
    { path: 'a.ino', text: 'struct Early;\nvoid setup() {}\nvoid early(Early *e) {}\nstruct Late { int v; };\nvoid late(Late l) {}\n' },
    { path: 'b.ino', text: 'typedef int Handle;\nvoid useHandle(Handle h) {}\nvoid plain() {}\n' },
  ];
  assert.deepEqual(
    walk(inoToCpp(files), files).generated.filter((l) => !l.startsWith('#')),
    ['void setup();', 'void early(Early *e);', 'void plain();'],
  );
});

test('file order: the main file first, then the others sorted by name; prototypes from all files', () => {
  const files = [
    { path: 'sk/zeta.ino', text: 'void z() {}\n' },
    { path: 'sk/Main.ino', text: 'void setup() {}\nvoid loop() {}\n' },
    { path: 'sk/alpha.ino', text: 'void a() {}\n' },
  ];
  const out = inoToCpp(files, 'Main');
  const { generated, mapped } = walk(out, files);
  assert.deepEqual(generated, ['void setup();', 'void loop();', 'void a();', 'void z();']);
  assert.deepEqual(mapped, ['sk/Main.ino:1', 'sk/Main.ino:2', 'sk/alpha.ino:1', 'sk/zeta.ino:1']);
  // Default: the first file given is the main one.
  assert.deepEqual(walk(inoToCpp(files), files).mapped, ['sk/zeta.ino:1', 'sk/Main.ino:1', 'sk/Main.ino:2', 'sk/alpha.ino:1']);
  assert.throws(() => inoToCpp(files, 'missing'), /missing/);
  assert.throws(() => inoToCpp([]), /no \.ino/);
});

test('#line directives: numbers and paths are right, paths are escaped, CRLF and BOM are handled', () => {
  const files = [
    { path: 'C:\\sketches\\my "best"\\best.ino', text: '\uFEFF// top\r\n\r\nint x;\r\nvoid setup()\r\n{\r\n}\r\nvoid loop() { go(); }' },
    { path: 'C:\\sketches\\my "best"\\go.ino', text: '\n\nvoid go() {}\n' },
  ];
  const out = inoToCpp(files);
  assert.ok(out.includes('#line 1 "C:\\\\sketches\\\\my \\"best\\"\\\\best.ino"\n'));
  assert.ok(out.includes('#line 4 "C:\\\\sketches\\\\my \\"best\\"\\\\best.ino"\nvoid setup()\r\n'));
  assert.ok(out.includes('#line 3 "C:\\\\sketches\\\\my \\"best\\"\\\\go.ino"\nvoid go();\n'));
  assert.ok(!out.includes('\uFEFF'));
  // The last line of the main file had no newline: the next file still starts on its own line.
  assert.ok(out.includes('void loop() { go(); }\n#line 1 '));
  const { generated } = walk(
    out,
    files.map((f) => ({ ...f, text: f.text })),
  );
  assert.deepEqual(generated, ['void setup();', 'void loop();', 'void go();']);
});

test('a definition sharing its line with earlier code: the line is split and renumbered', () => {
  const out = inoToCpp([{ path: 's.ino', text: 'int a;\nint b; void f() { g(); }\nvoid g() {}\n' }]);
  assert.equal(
    out,
    [
      '#include <Arduino.h>',
      '#line 1 "s.ino"',
      'int a;',
      'int b; ',
      '#line 2 "s.ino"',
      'void f();',
      '#line 3 "s.ino"',
      'void g();',
      '#line 2 "s.ino"',
      'void f() { g(); }',
      'void g() {}',
      '',
    ].join('\n'),
  );
});

test('a sketch without functions in the main file gets the prototypes at its end', () => {
  const files = [
    { path: 'main.ino', text: '#include <Wire.h>\nint x = 0;' },
    { path: 'other.ino', text: 'void setup() {}\nvoid loop() {}\n' },
  ];
  const out = inoToCpp(files);
  assert.ok(
    out.startsWith('#include <Arduino.h>\n#line 1 "main.ino"\n#include <Wire.h>\nint x = 0;\n#line 1 "other.ino"\nvoid setup();\n'),
  );
  assert.deepEqual(walk(out, files).generated, ['void setup();', 'void loop();']);
});

// ---------------------------------------------------------------------------------------------
// Real compiler

function compile(
  files: { name: string; text: string }[],
  mainName: string,
  extra: string[] = [],
): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ino-to-cpp-'));
  try {
    const inos = files.map((f) => {
      const path = join(dir, f.name);
      writeFileSync(path, f.text);
      return { path, text: f.text };
    });
    const cpp = join(dir, `${mainName}.ino.cpp`);
    writeFileSync(cpp, inoToCpp(inos, mainName));
    const r = spawnSync(
      'avr-gcc',
      [
        '-c',
        '-x',
        'c++',
        '-mmcu=atmega328p',
        '-DF_CPU=16000000L',
        '-DARDUINO=10808',
        '-DARDUINO_AVR_UNO',
        '-DARDUINO_ARCH_AVR',
        '-Os',
        '-std=gnu++11',
        '-fpermissive',
        '-fno-exceptions',
        '-fno-threadsafe-statics',
        ...extra,
        `-I${CORE}`,
        `-I${VARIANT}`,
        cpp,
        '-o',
        join(dir, `${mainName}.o`),
      ],
      { encoding: 'utf8' },
    );
    return { status: r.status, stderr: r.stderr.replaceAll(dir, '<dir>') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BLINK_MAIN = [
  '// Blink a few times, then keep toggling.',
  'const int LED = 13;',
  '',
  'void setup() {',
  '  pinMode(LED, OUTPUT);',
  '  blink(3);',
  '}',
  '',
  'void loop() {',
  '  toggle(LED);',
  '  delay(500);',
  '}',
  '',
  'void blink(int times) {',
  '  for (int i = 0; i < times; i++) {',
  '    digitalWrite(LED, HIGH);',
  '    delay(100);',
  '    digitalWrite(LED, LOW);',
  '    delay(100);',
  '  }',
  '}',
  '',
].join('\n');

test('avr-gcc compiles a two-file sketch that calls functions before their definitions', () => {
  const r = compile(
    [
      { name: 'Blink.ino', text: BLINK_MAIN },
      { name: 'helpers.ino', text: 'void toggle(int pin) {\n  digitalWrite(pin, !digitalRead(pin));\n}\n' },
    ],
    'Blink',
  );
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});

test('avr-gcc reports an error in the second file at its own path and line', () => {
  const r = compile(
    [
      { name: 'Blink.ino', text: BLINK_MAIN },
      {
        name: 'helpers.ino',
        text: '// helpers\n\nvoid toggle(int pin) {\n  digitalWrite(pin, !digitalRead(pin)) // missing semicolon\n  undeclaredThing = 1;\n}\n',
      },
    ],
    'Blink',
  );
  assert.notEqual(r.status, 0);
  // GCC reports the missing `;` at the start of the next line (5).
  assert.match(r.stderr, /<dir>\/helpers\.ino:5:\d+: error: expected .;. before .undeclaredThing./);
  assert.doesNotMatch(r.stderr, /Blink\.ino(\.cpp)?:\d+/, 'nothing is attributed to the main file or the generated .cpp');
});

test('avr-gcc compiles the tricky constructs together', () => {
  const main = [
    '#include <avr/pgmspace.h>',
    '#define USE_LOG 1',
    'const char msg[] PROGMEM = "void fake() { }";',
    'struct Point { int x, y; int sum() const { return x + y; } };',
    'template <typename T> T biggest(T a, T b) { return a > b ? a : b; }',
    'void fade(int pin, int ms = 10) { analogWrite(pin, ms); }',
    'void setup() {',
    '  Serial.begin(9600);',
    '  logValue(describe(Point{1, 2}, nullptr));',
    '  fade(3);',
    '  Serial.println(biggest(2, 3) + twice(4));',
    '}',
    'void loop() { useLater(); }',
    'static int',
    'twice(int x) // comment {',
    '{ return 2 * x; }',
    'const char *describe(const Point &p,',
    '                     int *unused) {',
    '  return p.sum() > 2 ? "big {" : "small }";',
    '}',
    '#if USE_LOG',
    'void logValue(const char *v) { Serial.println(v); }',
    '#else',
    'void logValue(const char *) {}',
    '#endif',
    'auto sqr = [](int x) { return x * x; };',
    'struct Late { int v; };',
    'void takesLate(Late l) { Serial.println(l.v); }',
    'void useLater() { takesLate(Late{sqr(3)}); }',
  ].join('\n');
  const r = compile(
    [
      { name: 'Tricky.ino', text: main },
      { name: 'extra.ino', text: 'int extra(int a);\nint extra(int a) { return a; }\n' },
    ],
    'Tricky',
  );
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});

test('avr-gcc compiles a sketch whose first definition is conditional, with and without the macro', () => {
  const text = [
    '#ifdef DEBUG',
    'void trace() { helper(); }',
    '#endif',
    'void setup() { helper(); }',
    'void loop() {}',
    'void helper() { pinMode(13, OUTPUT); }',
  ].join('\n');
  for (const extra of [[], ['-DDEBUG']]) {
    const r = compile([{ name: 'Cond.ino', text }], 'Cond', extra);
    assert.equal(r.stderr, '', extra.join(' '));
    assert.equal(r.status, 0);
  }
});

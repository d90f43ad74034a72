import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a PlatformIO-style uno project of about `units` translation units with realistic headers:
 * `lib/modNN/` libraries (a header and ten sources each) that include Arduino.h, a shared
 * `lib/common/` header and a neighbour library's header; `src/main.cpp` calls into all of them.
 * Returns the workspace-relative sources and include directories, for raw compile benchmarks.
 */
export function generateProject(root: string, units = 300): { sources: string[]; includeDirs: string[] } {
  const perLib = 10;
  const libs = Math.max(1, Math.round((units - 1) / perLib));
  const sources: string[] = [];
  const includeDirs: string[] = ['lib/common'];
  const write = (rel: string, text: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write('platformio.ini', '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n');
  write(
    'lib/common/common.h',
    `#pragma once
#include <Arduino.h>
#include <stdint.h>
#include <string.h>
struct Sample { uint16_t value; uint8_t channel; uint32_t at; };
template <typename T, uint8_t N> class Ring {
 public:
  void push(const T &v) { data_[head_] = v; head_ = (head_ + 1) % N; if (count_ < N) count_++; }
  uint8_t size() const { return count_; }
  const T &at(uint8_t i) const { return data_[(head_ + N - count_ + i) % N]; }
 private:
  T data_[N]; uint8_t head_ = 0; uint8_t count_ = 0;
};
inline uint16_t clamp16(int32_t v) { return v < 0 ? 0 : v > 65535 ? 65535 : (uint16_t)v; }
`,
  );
  for (let l = 0; l < libs; l++) {
    const lib = `mod${String(l).padStart(2, '0')}`;
    const neighbour = `mod${String((l + 1) % libs).padStart(2, '0')}`;
    includeDirs.push(`lib/${lib}`);
    const fns = Array.from({ length: perLib }, (_, u) => `uint16_t ${lib}_step${u}(Ring<Sample, 8> &ring, uint16_t in);`);
    write(
      `lib/${lib}/${lib}.h`,
      `#pragma once\n#include "common.h"\n${fns.join('\n')}\nuint32_t ${lib}_checksum(const uint8_t *p, size_t n);\n`,
    );
    for (let u = 0; u < perLib; u++) {
      const rel = `lib/${lib}/${lib}_${u}.cpp`;
      sources.push(rel);
      write(
        rel,
        `#include <Arduino.h>
#include "common.h"
#include "${lib}.h"
#include "${neighbour}.h"

namespace {
const uint8_t kTable[16] PROGMEM = {${Array.from({ length: 16 }, (_, i) => (i * 17 + u * 7 + l) % 256).join(', ')}};

class Filter${u} {
 public:
  explicit Filter${u}(uint8_t gain) : gain_(gain) {}
  uint16_t apply(uint16_t x) {
    acc_ = acc_ - (acc_ >> 3) + x;
    return clamp16((int32_t)(acc_ >> 3) * gain_ / 16 + pgm_read_byte(&kTable[x & 15]));
  }
 private:
  uint32_t acc_ = 0;
  uint8_t gain_;
};
}  // namespace

uint16_t ${lib}_step${u}(Ring<Sample, 8> &ring, uint16_t in) {
  static Filter${u} filter(${(u % 7) + 3});
  Sample s{filter.apply(in), ${u}, millis()};
  ring.push(s);
  uint32_t sum = 0;
  for (uint8_t i = 0; i < ring.size(); i++) sum += ring.at(i).value;
  ${u === 0 ? `return (uint16_t)(sum / (ring.size() ? ring.size() : 1)) ^ (uint16_t)${lib}_checksum((const uint8_t *)&s, sizeof s);` : `return (uint16_t)(sum / (ring.size() ? ring.size() : 1));`}
}
${u === 0 ? `uint32_t ${lib}_checksum(const uint8_t *p, size_t n) {\n  uint32_t c = 0x811c9dc5u;\n  while (n--) { c ^= *p++; c *= 16777619u; }\n  return c;\n}\n` : ''}`,
      );
    }
  }
  const calls = Array.from({ length: libs }, (_, l) => `  v = mod${String(l).padStart(2, '0')}_step${l % perLib}(ring, v);`).join('\n');
  const heads = Array.from({ length: libs }, (_, l) => `#include "mod${String(l).padStart(2, '0')}.h"`).join('\n');
  write(
    'src/main.cpp',
    `#include <Arduino.h>\n${heads}\n\nstatic Ring<Sample, 8> ring;\nstatic uint16_t v = 1;\n\nvoid setup() { Serial.begin(115200); }\n\nvoid loop() {\n${calls}\n  Serial.println(v);\n  delay(100);\n}\n`,
  );
  sources.push('src/main.cpp');
  return { sources, includeDirs };
}

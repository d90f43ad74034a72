import { readFileSync } from 'node:fs';

const INCLUDE = /^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]/gm;

/** The header names a file includes (`#include <x.h>` and `"x.h"`), in order, without duplicates. */
export function scanIncludes(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return [];
  }
  // Comments hide includes; strip them cheaply (a // or /* inside a string is rare in #include lines).
  text = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, '');
  const out = new Set<string>();
  for (const m of text.matchAll(INCLUDE)) out.add(m[1]!.trim());
  return [...out];
}

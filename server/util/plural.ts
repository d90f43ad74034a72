import { thousands } from './thousands.js';
/** `1 hit`, `2 hits`, `1 miss`, `3 misses`, `1,024 units`: a count with its noun in the right number. */
export function plural(n: number, singular: string, pluralForm = defaultPlural(singular)): string {
  return `${thousands(n)} ${n === 1 ? singular : pluralForm}`;
}

function defaultPlural(word: string): string {
  return /(s|sh|ch|x|z)$/.test(word) ? `${word}es` : `${word}s`;
}

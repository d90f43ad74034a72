import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  thousands
} from "./chunk-76PWITDS.js";

// server/util/plural.ts
function plural(n, singular, pluralForm = defaultPlural(singular)) {
  return `${thousands(n)} ${n === 1 ? singular : pluralForm}`;
}
function defaultPlural(word) {
  return /(s|sh|ch|x|z)$/.test(word) ? `${word}es` : `${word}s`;
}

export {
  plural
};

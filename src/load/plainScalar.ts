const NON_STRING_START = new Set('~nNtTfF0123456789+-.');

/** Core-schema resolution of plain scalars (YAML 1.2): dates stay strings. */
export function resolvePlain(source: string): string | number | boolean | null {
  // Most plain scalars are words: only these first characters can start a null, bool or number.
  if (source.length > 0 && !NON_STRING_START.has(source[0])) return source;
  switch (source) {
    case '': case '~': case 'null': case 'Null': case 'NULL':
      return null;
    case 'true': case 'True': case 'TRUE':
      return true;
    case 'false': case 'False': case 'FALSE':
      return false;
  }
  if (/^[-+]?(?:0|[1-9][0-9]*)$/.test(source)) return Number(source);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(source)) return Number(source);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return Number.parseInt(source.slice(2), 16);
  if (/^0o[0-7]+$/.test(source)) return Number.parseInt(source.slice(2), 8);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(source)) return source.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(source)) return NaN;
  return source;
}

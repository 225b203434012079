/**
 * Other spellings of one path, each a way a server that checks the raw URL and routes the
 * decoded one can be fooled. Every spelling is sent verbatim; each names its class so a
 * test can count what it tried.
 */
export interface Spelling {
  probe: string;
  path: string;
}

const hex = (char: string) => char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

export function spellings(path: string): Spelling[] {
  const out: Spelling[] = [];
  const add = (probe: string, spelled: string) => {
    if (spelled !== path) out.push({ probe, path: spelled });
  };
  const chars = [...path];
  const segments = path.split('/').slice(1);
  const first = segments[0] ?? '';
  const rest = segments.slice(1).join('/');

  chars.forEach((char, i) => {
    if (char === '/') return;
    const before = path.slice(0, i);
    const after = path.slice(i + 1);
    add('percent-encoded character', `${before}%${hex(char)}${after}`);
    add('percent-encoded character (lower-case hex)', `${before}%${hex(char).toLowerCase()}${after}`);
    add('double-encoded character', `${before}%25${hex(char)}${after}`);
  });
  add('percent-encoded whole path', `/${segments.map((s) => [...s].map((c) => `%${hex(c)}`).join('')).join('/')}`);
  add('overlong UTF-8 encoding', `/%C0%AE%C0%AE${path}`);

  add('dot-segment', `/x/..${path}`);
  add('dot-segment', `/./${path.slice(1)}`);
  add('dot-segment', `/${first}/./${rest}`);
  add('dot-segment', `/${first}/x/../${rest}`);
  add('dot-segment', `/x/%2e%2e${path}`);
  add('dot-segment', `/x/%2E%2E${path}`);
  add('dot-segment', `/%2e${path}`);
  add('dot-segment', `/x/%252e%252e${path}`);

  add('doubled slash', `/${path}`);
  path.split('').forEach((char, i) => {
    if (char === '/' && i > 0) add('doubled slash', `${path.slice(0, i)}/${path.slice(i)}`);
  });
  add('doubled slash', `${path}//`);

  add('mixed case', path.toUpperCase());
  add('mixed case', `/${first.charAt(0).toUpperCase()}${first.slice(1)}${rest ? `/${rest}` : ''}`);
  add('mixed case', [...path].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join(''));
  add('mixed case', `/${first.toUpperCase()}${rest ? `/${rest}` : ''}`);

  add('trailing slash', `${path}/`);
  add('trailing dot', `${path}.`);
  add('trailing dot', `${path}/.`);

  add('semicolon parameter', `/${first};x=1${rest ? `/${rest}` : ''}`);
  add('semicolon parameter', `${path};x=1`);
  add('semicolon parameter', `/;${path.slice(1)}`);
  add('semicolon parameter', `${path};`);

  add('backslash', `/\\${path.slice(1)}`);
  add('backslash', `\\${path.slice(1)}`);
  add('backslash', path.replace(/\//g, '\\'));
  if (rest) add('backslash', `/${first}\\${rest}`);
  add('backslash', `/x/..\\${path.slice(1)}`);
  add('backslash', `/${first}%5C${rest}`);

  if (rest) {
    add('encoded slash', `/${first}%2F${rest}`);
    add('encoded slash', `/${first}%2f${rest}`);
    add('encoded slash', `/${first}%252F${rest}`);
  }
  add('encoded slash', `%2F${path.slice(1)}`);

  add('query or fragment trick', `${path}?`);
  add('query or fragment trick', `${path}?x=${path}`);
  add('query or fragment trick', `${path}%3Fx=1`);
  add('query or fragment trick', `${path}#x`);
  add('query or fragment trick', `${path}%23x`);
  add('query or fragment trick', `${path}?token=${'0'.repeat(48)}`);

  add('control or space character', `${path}%00`);
  add('control or space character', `${path}%20`);
  add('control or space character', `${path}%09`);
  add('control or space character', `%20${path}`);

  add('absolute-form request target', `http://127.0.0.1${path}`);
  add('absolute-form request target', `http://evil.example${path}`);
  return out;
}

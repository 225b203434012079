// The layering rule (like VS Code's code-layering): an import in main/ may only point down
// the floors, the renderer reaches main only through preload/, and preload imports nothing
// of main/ or the renderer. Hosts and handlers reach the engines only through the core
// services (main/core/{text,image,voice,sound}), so they skip no model lookup, routing or
// seed. See docs/architecture.md.
import path from 'node:path';

/** Top to bottom. A file may import its own floor and the floors below it. */
export const FLOORS = ['main/hosts', 'main/app', 'main/handlers', 'main/core', 'main/engines', 'main/platform', 'preload'];

/** Floors that reach main/engines only through core: the composition root (main/app) is the one above core that builds engines. */
const THROUGH_CORE = ['main/hosts', 'main/handlers'];

const floorOf = (repoPath) => FLOORS.findIndex((floor) => repoPath === floor || repoPath.startsWith(`${floor}/`));

/** What `from` (a repo-relative file) may import at `to`, or why not. */
export function floorViolation(from, to) {
  if (from.startsWith('renderer/')) {
    return to.startsWith('renderer/') || to.startsWith('preload/') ? null : 'the renderer imports only renderer/ and preload/ (the contract)';
  }
  const a = floorOf(from);
  const b = floorOf(to);
  if (a < 0) return null;
  if (to.startsWith('renderer/')) return `${FLOORS[a]} must not import the renderer`;
  if (b >= 0 && b < a) return `${FLOORS[a]} is below ${FLOORS[b]}: imports point down (${FLOORS.join(' → ')})`;
  if (FLOORS[b] === 'main/engines' && THROUGH_CORE.includes(FLOORS[a])) {
    return `${FLOORS[a]} imports main/engines only through the core services (main/core/text, image, voice, sound)`;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const floorsRule = {
  meta: { type: 'problem', docs: { description: 'imports only point down the floors' }, schema: [] },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), spec))
        .split(path.sep)
        .join('/');
      const why = floorViolation(file, target);
      if (why) context.report({ node: node.source, message: `${file} → ${target}: ${why}.` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

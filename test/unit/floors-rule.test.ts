import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { floorsRule, floorViolation } from '../../scripts/lint/floors-rule.mjs';

test('imports may point down the floors, never up', () => {
  const allowed: [string, string][] = [
    ['main/hosts/web/web-host.ts', 'main/app/studio.ts'],
    ['main/hosts/cli/cli.ts', 'main/core/projects/project-store.ts'],
    ['main/handlers/image-handlers.ts', 'main/core/jobs/job-manager.ts'],
    ['main/core/text/text-service.ts', 'main/engines/text/llama-client.ts'],
    ['main/engines/text/llama-client.ts', 'main/platform/engine-host/engine-process.ts'],
    ['main/platform/log.ts', 'preload/errors.ts'],
    ['renderer/src/studio.tsx', 'preload/contract.ts'],
    ['main/core/jobs/job-manager.ts', 'main/core/events/event-bus.ts'],
  ];
  for (const [from, to] of allowed) assert.equal(floorViolation(from, to), null, `${from} → ${to}`);
  const refused: [string, string][] = [
    ['main/engines/engine.ts', 'main/core/jobs/job-manager.ts'],
    ['main/core/studio-services.ts', 'main/handlers/all-handlers.ts'],
    ['main/handlers/app-handlers.ts', 'main/app/studio.ts'],
    ['main/platform/log.ts', 'main/engines/engine.ts'],
    ['preload/contract.ts', 'main/core/jobs/job-manager.ts'],
    ['renderer/src/studio.tsx', 'main/core/jobs/job-manager.ts'],
    ['main/core/export/html-export.ts', 'renderer/src/studio.tsx'],
    ['main/hosts/cli/commands/image-command.ts', 'main/engines/image/image-generation.ts'],
    ['main/handlers/voice-handlers.ts', 'main/engines/voice/piper/piper-voices.ts'],
  ];
  for (const [from, to] of refused) assert.match(floorViolation(from, to) ?? '', /imports|import the renderer|renderer imports/, `${from} → ${to}`);
});

test('the ESLint rule reports an upward import with both paths, and passes a downward one', () => {
  const linter = new Linter({ cwd: '/repo' });
  const config = [{ files: ['**/*.ts'], plugins: { atelier: { rules: { floors: floorsRule } } }, rules: { 'atelier/floors': 'error' as const } }];
  const file = path.join('/repo', 'main/engines/text/llama-client.ts');
  const up = linter.verify("import { JobManager } from '../../core/jobs/job-manager.js';\nexport const x = JobManager;", config, { filename: file });
  assert.equal(up.length, 1);
  assert.match(up[0]?.message ?? '', /main\/engines\/text\/llama-client\.ts → main\/core\/jobs\/job-manager\.js/);
  const down = linter.verify("export { serveEngine } from '../../platform/engine-host/serve-engine.js';", config, { filename: file });
  assert.deepEqual(down, []);
  const dynamic = linter.verify("export const load = () => import('../../handlers/all-handlers.js');", config, { filename: file });
  assert.equal(dynamic.length, 1);
});

test('hosts and handlers reach the engines only through core; the composition root and core may import them', () => {
  const skipping: [string, string][] = [
    ['main/hosts/web/openai/openai-media.ts', 'main/engines/voice/espeak/espeak-engine.ts'],
    ['main/hosts/cli/commands/sfx-command.ts', 'main/engines/sound/synth-engine.ts'],
    ['main/handlers/image-handlers.ts', 'main/engines/image/procedural/procedural-engine.ts'],
  ];
  for (const [from, to] of skipping) {
    assert.match(floorViolation(from, to) ?? '', /only through the core services/, `${from} → ${to}`);
  }
  const through: [string, string][] = [
    ['main/app/studio.ts', 'main/engines/voice/piper/piper-engine.ts'],
    ['main/core/image/image-render.ts', 'main/engines/image/image-generation.ts'],
    ['main/hosts/cli/commands/image-command.ts', 'main/core/image/image-render.ts'],
    ['main/handlers/voice-handlers.ts', 'main/core/voice/voice-service.ts'],
  ];
  for (const [from, to] of through) {
    assert.equal(floorViolation(from, to), null, `${from} → ${to}`);
  }
  // A type-only import counts too: the rule sees every import declaration.
  const linter = new Linter({ cwd: '/repo' });
  const config = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { atelier: { rules: { floors: floorsRule } } },
      rules: { 'atelier/floors': 'error' as const },
    },
  ];
  const file = path.join('/repo', 'main/hosts/cli/commands/text-command.ts');
  const typeOnly = linter.verify("import type { ChatMessage } from '../../../engines/text/text-generation.js';\nexport type M = ChatMessage;", config, {
    filename: file,
  });
  assert.equal(typeOnly.length, 1);
  assert.match(
    typeOnly[0]?.message ?? '',
    /main\/hosts\/cli\/commands\/text-command\.ts → main\/engines\/text\/text-generation\.js: main\/hosts imports main\/engines only through/,
  );
});

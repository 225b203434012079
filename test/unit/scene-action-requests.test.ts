import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Scene } from '../../preload/contract.js';
import { ImageRequestSchema } from '../../preload/schemas/image.js';
import { sceneImageRequest } from '../../main/core/storyboard/scene-image-request.js';
import { sceneWriteMessages, tidySceneText } from '../../main/core/storyboard/scene-write-prompt.js';

describe('what the scene actions ask the engines for', () => {
  test('a procedural title card carries the title; diffusion gets the text as its prompt; both are valid image requests', () => {
    const card = ImageRequestSchema.parse(sceneImageRequest({ prompt: 'Fog  over\nthe harbour', title: 'Night', mood: 'calm', seed: 4 }, false));
    assert.equal(card.engine, 'procedural');
    assert.equal(card.template, 'title-card');
    assert.equal(card.text, 'Night');
    assert.equal(card.prompt, 'calm Fog over the harbour');
    assert.equal(card.seed, 4);
    const diffused = ImageRequestSchema.parse(sceneImageRequest({ prompt: 'x'.repeat(5000), title: 't'.repeat(900) }, true));
    assert.equal(diffused.engine, 'diffusion');
    assert.equal(diffused.prompt.length, 2000, 'long scene text is clipped to the prompt limit');
    assert.equal(diffused.width % 8, 0);
    assert.equal(diffused.seed, undefined);
    assert.equal(ImageRequestSchema.parse(sceneImageRequest({ prompt: 'p', title: 't'.repeat(900) }, false)).text?.length, 500);
  });

  test('Write asks for the scene by its title, with the story and its neighbours as context', () => {
    const scenes: Scene[] = [
      { id: 'a', title: 'Dusk', text: 'The lamp is lit.' },
      { id: 'b', title: 'The fox', text: '' },
      { id: 'c', title: 'Dawn', text: '' },
    ];
    const [system, user] = sceneWriteMessages('Harbour Night', scenes, 1);
    assert.equal(system?.role, 'system');
    assert.match(user?.content ?? '', /Story: Harbour Night/);
    assert.match(user?.content ?? '', /Previous scene "Dusk": The lamp is lit\./);
    assert.match(user?.content ?? '', /Next scene "Dawn"/);
    assert.match(user?.content ?? '', /Write the scene titled "The fox"\.$/);
    assert.doesNotMatch(sceneWriteMessages('H', scenes, 0)[1]?.content ?? '', /Previous scene/);
  });

  test('model output is tidied into scene text', () => {
    assert.equal(tidySceneText('  "The fox waits."  '), 'The fox waits.');
    assert.equal(tidySceneText('Narration: The fox waits.'), 'The fox waits.');
    assert.equal(tidySceneText('He said "go" and went.'), 'He said "go" and went.');
    assert.equal(tidySceneText('   '), '');
  });
});

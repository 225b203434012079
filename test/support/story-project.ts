import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Asset, Job, ProjectSummary, Scene } from '../../preload/contract.js';
import type { Studio } from '../../main/app/studio.js';

/** One scene of a test storyboard and how its media are made. */
export interface SceneRecipe {
  title: string;
  text: string;
  /** 'png' / 'webp': a picture drawn with sharp and imported; 'procedural': image.generate (prompt and seed recorded). */
  image?: 'png' | 'webp' | 'procedural';
  /** Spoken with voice.generate (espeak). */
  narrate?: boolean;
  /** An ambience bed from sound.generate. */
  bed?: boolean;
}

export const STORY: SceneRecipe[] = [
  { title: 'The lighthouse', text: 'A keeper climbs the stairs at dusk.', image: 'procedural', narrate: true, bed: true },
  { title: 'A small visitor', text: 'A fox waits by the door, soaked by the rain.', image: 'webp', narrate: true },
  { title: 'Morning', text: 'They watch the boats come home.', narrate: false },
];

async function finished(studio: Studio, jobId: string): Promise<Job> {
  const job = await studio.jobs.settled(jobId);
  if (job.state !== 'done') throw new Error(`job ${job.title} ended ${job.state}: ${JSON.stringify(job.error)}`);
  return job;
}

/** A picture with shapes and the scene number, drawn by sharp from SVG (no model). */
async function drawPicture(file: string, index: number, format: 'png' | 'webp'): Promise<void> {
  const hue = (index * 97) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
<rect width="100%" height="100%" fill="hsl(${hue},60%,40%)"/>
<circle cx="${200 + index * 60}" cy="300" r="150" fill="hsl(${(hue + 180) % 360},70%,60%)"/>
<text x="400" y="560" font-family="DejaVu Sans" font-size="48" fill="#fff" text-anchor="middle">Scene ${index + 1}</text>
</svg>`;
  const image = sharp(Buffer.from(svg));
  await (format === 'png' ? image.png() : image.webp({ quality: 80 })).toFile(file);
}

/**
 * A storyboard project made through the real calls: projects.create, pictures drawn with
 * sharp then assets.import (or image.generate), voice.generate narration, sound.generate
 * beds; the scenes are then written through the project store.
 */
export async function buildStoryProject(
  studio: Studio,
  title: string,
  recipes: SceneRecipe[] = STORY,
  workDir?: string,
): Promise<{ project: ProjectSummary; scenes: Scene[] }> {
  const project = (await studio.call('projects.create', { title })) as ProjectSummary;
  const scratch = workDir ?? (await fs.mkdtemp(path.join(studio.paths.home, 'pictures-')));
  const scenes: Scene[] = [];
  for (const [i, recipe] of recipes.entries()) {
    const scene: Scene = { id: `scene-${i + 1}`, title: recipe.title, text: recipe.text };
    if (recipe.image === 'procedural') {
      const { jobId } = (await studio.call('image.generate', {
        template: 'gradient',
        prompt: `${recipe.text} warm dusk`,
        seed: 4242 + i,
        width: 640,
        height: 360,
      })) as { jobId: string };
      const result = (await finished(studio, jobId)).result as { assets: Asset[] };
      scene.imageAssetId = result.assets[0]?.id;
    } else if (recipe.image) {
      const file = path.join(scratch, `scene ${i + 1}.${recipe.image}`);
      await drawPicture(file, i, recipe.image);
      const ref = studio.fileRefs.register({ path: file, name: path.basename(file), size: (await fs.stat(file)).size, owned: false });
      const { jobId } = (await studio.call('assets.import', { fileRef: ref.ref })) as { jobId: string };
      scene.imageAssetId = ((await finished(studio, jobId)).result as Asset).id;
    }
    if (recipe.narrate) {
      const { jobId } = (await studio.call('voice.generate', { text: recipe.text })) as { jobId: string };
      scene.narrationAssetId = ((await finished(studio, jobId)).result as Asset).id;
    }
    if (recipe.bed) {
      const { jobId } = (await studio.call('sound.generate', { kind: 'ambience', preset: 'rain', seconds: 3, seed: 7 })) as { jobId: string };
      scene.bedAssetId = ((await finished(studio, jobId)).result as Asset).id;
    }
    scenes.push(scene);
  }
  await studio.projects.update(project.id, (data) => ({ ...data, scenes }));
  return { project: studio.projects.current() ?? project, scenes };
}

/** Runs a projects.export job to the end and returns its result. */
export async function exportOf(
  studio: Studio,
  input: { format: string; resolution?: string; projectId?: string; motion?: 'on' | 'off' },
): Promise<{ path: string; size: number; format: string; downloadUrl?: string }> {
  const { jobId } = (await studio.call('projects.export', input)) as { jobId: string };
  return (await finished(studio, jobId)).result as { path: string; size: number; format: string; downloadUrl?: string };
}

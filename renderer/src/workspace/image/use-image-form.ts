import { useCallback, useEffect, useRef, useState } from 'react';
import { diffusionDefaults } from './diffusion-defaults.js';
import {
  IMAGE_LIMITS,
  type Asset,
  type CallInput,
  type DiffusionScheduler,
  type ImageEngineId,
  type ImageSettings,
  type ImageTemplateId,
  type InstalledModel,
  type ProjectSummary,
  type RemoteModels,
} from '../../../../preload/contract.js';
import { parseInRange } from '../voice/sound/number-field.js';

export type RemoteImageModel = RemoteModels['models'][number];

/** The fields as typed: numbers stay text so a half-typed value is shown as wrong, not thrown away. */
export interface ImageFields {
  engine: ImageEngineId;
  template: ImageTemplateId;
  modelId: string;
  prompt: string;
  negativePrompt: string;
  text: string;
  widthText: string;
  heightText: string;
  seedText: string;
  countText: string;
  stepsText: string;
  guidanceText: string;
  scheduler: DiffusionScheduler;
  initId: string;
  strengthText: string;
}

const INITIAL_FIELDS: ImageFields = {
  engine: 'procedural',
  template: 'title-card',
  modelId: '',
  prompt: '',
  negativePrompt: '',
  text: '',
  widthText: '1280',
  heightText: '720',
  seedText: '',
  countText: '1',
  stepsText: String(IMAGE_LIMITS.steps.default),
  guidanceText: String(IMAGE_LIMITS.guidance.default),
  scheduler: 'euler-a',
  initId: '',
  strengthText: String(IMAGE_LIMITS.strength.default),
};

/** Each number field read against its limits: null when out of range, the seed undefined when left empty (random). */
export interface ImageNumbers {
  width: number | null;
  height: number | null;
  seed: number | null | undefined;
  count: number | null;
  steps: number | null;
  guidance: number | null;
  strength: number | null;
}

export interface ImageForm {
  fields: ImageFields;
  update(patch: Partial<ImageFields>): void;
  numbers: ImageNumbers;
  diffusion: boolean;
  hasLocalModel: boolean;
  hasModel: boolean;
  /** The model the request names; '' means the host's active model. */
  chosenModelId: string;
  remoteChosen: RemoteImageModel | null;
  /** Whether a width or height fits the engine (diffusion works in multiples of 8). */
  sizeFits(value: number | null): boolean;
  /** Why Generate cannot run now, or null when it can. */
  problem: string | null;
  request(): CallInput<'image.generate'>;
  /** Fills the form from a picture's recorded settings ("Reuse"). */
  applySettings(settings: ImageSettings): void;
}

interface ImageFormSources {
  project: ProjectSummary | null;
  models: InstalledModel[] | null;
  remoteImages: RemoteImageModel[];
  images: Asset[] | null;
}

/** The Image tab's parameters, what they parse to, what is wrong with them and the request they make. */
export function useImageForm({ project, models, remoteImages, images }: ImageFormSources): ImageForm {
  const [fields, setFields] = useState<ImageFields>(INITIAL_FIELDS);
  const update = useCallback((patch: Partial<ImageFields>) => setFields((current) => ({ ...current, ...patch })), []);

  const hasLocalModel = (models?.length ?? 0) > 0;
  const hasModel = hasLocalModel || remoteImages.length > 0;
  // Without a model of its own, the first remote one stands in for "the active model".
  const chosenModelId = fields.modelId || (hasLocalModel ? '' : (remoteImages[0]?.id ?? ''));
  const remoteChosen = remoteImages.find((m) => m.id === chosenModelId) ?? null;
  const modelName = remoteChosen?.id ?? (models ?? []).find((m) => (chosenModelId ? m.id === chosenModelId : m.active))?.name;
  // Reuse brings its own steps and guidance; the next model change must not replace them.
  const keepNumbers = useRef(false);
  useEffect(() => {
    if (keepNumbers.current) {
      keepNumbers.current = false;
      return;
    }
    const wanted = diffusionDefaults(modelName);
    update({ stepsText: String(wanted.steps), guidanceText: String(wanted.guidance) });
  }, [modelName, update]);
  const diffusion = fields.engine === 'diffusion';
  const numbers: ImageNumbers = {
    width: parseInRange(fields.widthText, IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max, true),
    height: parseInRange(fields.heightText, IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max, true),
    seed: fields.seedText.trim() === '' ? undefined : parseInRange(fields.seedText, IMAGE_LIMITS.seed.min, IMAGE_LIMITS.seed.max, true),
    count: parseInRange(fields.countText, IMAGE_LIMITS.count.min, IMAGE_LIMITS.count.max, true),
    steps: parseInRange(fields.stepsText, IMAGE_LIMITS.steps.min, IMAGE_LIMITS.steps.max, true),
    guidance: parseInRange(fields.guidanceText, IMAGE_LIMITS.guidance.min, IMAGE_LIMITS.guidance.max, false),
    strength: parseInRange(fields.strengthText, IMAGE_LIMITS.strength.min, IMAGE_LIMITS.strength.max, false),
  };
  const { width, height, seed, count, steps, guidance, strength } = numbers;
  const sizeFits = (v: number | null) => v !== null && (!diffusion || v % IMAGE_LIMITS.diffusionMultiple === 0);
  const sizeOk = sizeFits(width) && sizeFits(height);
  const problem = !project
    ? 'Open or create a project first: pictures are kept in it.'
    : diffusion && !hasModel
      ? 'Diffusion needs an image model: download one in the Models tab.'
      : !sizeOk
        ? `Width and height are whole numbers from ${IMAGE_LIMITS.size.min} to ${IMAGE_LIMITS.size.max}${diffusion ? ', multiples of 8 for diffusion' : ''}.`
        : seed === null
          ? `The seed is a whole number from 0 to ${IMAGE_LIMITS.seed.max.toLocaleString()}, or empty for a random one.`
          : count === null
            ? `Make ${IMAGE_LIMITS.count.min} to ${IMAGE_LIMITS.count.max} pictures at a time.`
            : diffusion && (steps === null || guidance === null)
              ? `Steps run ${IMAGE_LIMITS.steps.min}–${IMAGE_LIMITS.steps.max}, guidance ${IMAGE_LIMITS.guidance.min}–${IMAGE_LIMITS.guidance.max}.`
              : diffusion && fields.initId && strength === null
                ? 'Strength is a number from 0 (keep the picture) to 1 (ignore it).'
                : null;

  function request(): CallInput<'image.generate'> {
    const { engine, prompt, negativePrompt, scheduler, initId, template, text } = fields;
    return {
      engine,
      prompt,
      ...(diffusion
        ? {
            negativePrompt,
            steps: steps ?? undefined,
            guidance: guidance ?? undefined,
            scheduler,
            ...(chosenModelId && { model: chosenModelId }),
            // A remote engine takes no starting picture, and one since deleted is not sent.
            ...(!remoteChosen && initId && images?.some((a) => a.id === initId) && { initAssetId: initId, strength: strength ?? undefined }),
          }
        : { template, ...(text.trim() && { text }) }),
      width: width ?? undefined,
      height: height ?? undefined,
      ...(seed !== undefined && seed !== null && { seed }),
      count: count ?? 1,
    };
  }

  function applySettings(settings: ImageSettings) {
    keepNumbers.current = settings.model !== undefined && settings.model !== fields.modelId;
    // Diffusion settings land on procedural when no model could draw them; a model no longer installed is left unchosen.
    update({
      engine: settings.engine === 'diffusion' && hasModel ? 'diffusion' : settings.engine,
      ...(settings.template && { template: settings.template }),
      ...(settings.model && models?.some((m) => m.id === settings.model) && { modelId: settings.model }),
      prompt: settings.prompt,
      negativePrompt: settings.negativePrompt,
      text: settings.text ?? '',
      widthText: String(settings.width),
      heightText: String(settings.height),
      seedText: settings.seed === undefined ? '' : String(settings.seed),
      ...(settings.steps !== undefined && { stepsText: String(settings.steps) }),
      ...(settings.guidance !== undefined && { guidanceText: String(settings.guidance) }),
      ...(settings.scheduler && { scheduler: settings.scheduler }),
    });
  }

  return { fields, update, numbers, diffusion, hasLocalModel, hasModel, chosenModelId, remoteChosen, sizeFits, problem, request, applySettings };
}

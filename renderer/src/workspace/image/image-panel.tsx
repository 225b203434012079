import { Dices, FolderPlus, ImagePlus, LoaderCircle, Sparkles, Square } from 'lucide-react';
import { useCallback, useEffect, useId, useState, type KeyboardEvent } from 'react';
import {
  DIFFUSION_SCHEDULERS,
  IMAGE_LIMITS,
  type Asset,
  type CallInput,
  type DiffusionScheduler,
  type ImageEngineId,
  type ImageSettings,
  type ImageTemplate,
  type ImageTemplateId,
  type InstalledModel,
  type ProjectSummary,
} from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';
import { useAssetUrl } from '../../state/use-asset-url.js';
import { useRemoteModels } from '../../state/use-remote-models.js';
import { useImageJobs } from '../../state/use-image-jobs.js';
import { parseInRange } from '../sound/number-field.js';
import '../../styles/image.css';
import { ImageEditPanel } from './image-edit-panel.js';
import { useSendToStoryboard } from '../storyboard/use-send-to-storyboard.js';
import { ImageGallery } from './image-gallery.js';
import { presetFor, SIZE_PRESETS } from './size-presets.js';

interface ImagePanelProps {
  project: ProjectSummary | null;
  assets: Asset[] | null;
  selectedAssetId: string | null;
  onSelectAsset(asset: Asset): void;
  onNewProject(): void;
  onOpenModels(): void;
  /** Asks the sidebar to reload the asset list (a job made new ones). */
  onAssetsChanged(): void;
}

const RANDOM_SEED_MAX = 999_999;
const SCHEDULER_LABELS: Readonly<Record<DiffusionScheduler, string>> = { 'euler-a': 'Euler ancestral', lcm: 'LCM', euler: 'Euler', ddim: 'DDIM' };

/** The installed image models, kept current by models.changed. */
function useImageModels(): InstalledModel[] | null {
  const { api } = useClient();
  const [models, setModels] = useState<InstalledModel[] | null>(null);
  useEffect(() => {
    const load = () =>
      api.models
        .list({})
        .then((all) => setModels(all.filter((m) => m.modality === 'image')))
        .catch(() => setModels([]));
    void load();
    return api.events.on('models.changed', () => void load());
  }, [api]);
  return models;
}

/** The Image tab: a prompt and its settings, Generate with progress and a live preview, the gallery and the editor. */
export function ImagePanel({ project, assets, selectedAssetId, onSelectAsset, onNewProject, onOpenModels, onAssetsChanged }: ImagePanelProps) {
  const { api } = useClient();
  const notify = useNotify();
  const ids = {
    prompt: useId(), negative: useId(), text: useId(), template: useId(), model: useId(), size: useId(), width: useId(), height: useId(),
    seed: useId(), count: useId(), steps: useId(), guidance: useId(), scheduler: useId(), hint: useId(), init: useId(), strength: useId(),
  };
  const [templates, setTemplates] = useState<ImageTemplate[]>([]);
  const models = useImageModels();
  const remoteModels = useRemoteModels();
  const remoteImages = remoteModels.listing?.models.filter((m) => m.modality === 'image') ?? [];
  const [engine, setEngine] = useState<ImageEngineId>('procedural');
  const [template, setTemplate] = useState<ImageTemplateId>('title-card');
  const [modelId, setModelId] = useState('');
  const [prompt, setPrompt] = useState('');
  const [negativePrompt, setNegativePrompt] = useState('');
  const [text, setText] = useState('');
  const [widthText, setWidthText] = useState('1280');
  const [heightText, setHeightText] = useState('720');
  const [seedText, setSeedText] = useState('');
  const [countText, setCountText] = useState('1');
  const [stepsText, setStepsText] = useState(String(IMAGE_LIMITS.steps.default));
  const [guidanceText, setGuidanceText] = useState(String(IMAGE_LIMITS.guidance.default));
  const [scheduler, setScheduler] = useState<DiffusionScheduler>('euler-a');
  const [initId, setInitId] = useState('');
  const [strengthText, setStrengthText] = useState(String(IMAGE_LIMITS.strength.default));
  const [latest, setLatest] = useState<Asset | null>(null);
  const [editing, setEditing] = useState<Asset | null>(null);

  useEffect(() => {
    api.image
      .templates({})
      .then(setTemplates)
      .catch((error: unknown) => notify.error(error, 'load the image templates'));
  }, [api, notify]);

  const onMade = useCallback(
    (made: Asset[], kind: 'image.generate' | 'image.edit') => {
      onAssetsChanged();
      const first = made[0];
      if (!first) return;
      setLatest(first);
      onSelectAsset(first);
      if (kind === 'image.edit') {
        setEditing(null);
        notify.success('Saved the edited picture', `${first.name}: the original is kept.`);
      }
    },
    [onAssetsChanged, onSelectAsset, notify],
  );
  const jobs = useImageJobs(onMade);
  const sendToStoryboard = useSendToStoryboard();

  const images = assets?.filter((asset) => asset.kind === 'image') ?? null;
  const hasLocalModel = (models?.length ?? 0) > 0;
  const hasModel = hasLocalModel || remoteImages.length > 0;
  // Without a model of its own, the first remote one stands in for "the active model".
  const chosenModelId = modelId || (hasLocalModel ? '' : (remoteImages[0]?.id ?? ''));
  const remoteChosen = remoteImages.find((m) => m.id === chosenModelId) ?? null;
  const diffusion = engine === 'diffusion';
  const width = parseInRange(widthText, IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max, true);
  const height = parseInRange(heightText, IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max, true);
  const seed = seedText.trim() === '' ? undefined : parseInRange(seedText, IMAGE_LIMITS.seed.min, IMAGE_LIMITS.seed.max, true);
  const count = parseInRange(countText, IMAGE_LIMITS.count.min, IMAGE_LIMITS.count.max, true);
  const steps = parseInRange(stepsText, IMAGE_LIMITS.steps.min, IMAGE_LIMITS.steps.max, true);
  const guidance = parseInRange(guidanceText, IMAGE_LIMITS.guidance.min, IMAGE_LIMITS.guidance.max, false);
  const strength = parseInRange(strengthText, IMAGE_LIMITS.strength.min, IMAGE_LIMITS.strength.max, false);
  const multipleOf8 = (v: number | null) => v !== null && (!diffusion || v % IMAGE_LIMITS.diffusionMultiple === 0);
  const sizeOk = multipleOf8(width) && multipleOf8(height);
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
              : diffusion && initId && strength === null
                ? 'Strength is a number from 0 (keep the picture) to 1 (ignore it).'
                : null;
  const generating = jobs.generating;

  function request(overrides: Partial<CallInput<'image.generate'>> = {}): CallInput<'image.generate'> {
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
            ...(!remoteChosen && initId && images?.some((a) => a.id === initId) && { initAssetId: initId, strength: strength ?? undefined }),
          }
        : { template, ...(text.trim() && { text }) }),
      width: width ?? undefined,
      height: height ?? undefined,
      ...(seed !== undefined && seed !== null && { seed }),
      count: count ?? 1,
      ...overrides,
    };
  }

  function generate() {
    if (problem || generating) return;
    void jobs.generate(request());
  }

  function applySettings(settings: ImageSettings) {
    setEngine(settings.engine === 'diffusion' && hasModel ? 'diffusion' : settings.engine);
    if (settings.template) setTemplate(settings.template);
    if (settings.model && models?.some((m) => m.id === settings.model)) setModelId(settings.model);
    setPrompt(settings.prompt);
    setNegativePrompt(settings.negativePrompt);
    setText(settings.text ?? '');
    setWidthText(String(settings.width));
    setHeightText(String(settings.height));
    setSeedText(settings.seed === undefined ? '' : String(settings.seed));
    if (settings.steps !== undefined) setStepsText(String(settings.steps));
    if (settings.guidance !== undefined) setGuidanceText(String(settings.guidance));
    if (settings.scheduler) setScheduler(settings.scheduler);
  }

  async function settingsOf(asset: Asset): Promise<ImageSettings | null> {
    try {
      return await api.image.settings({ assetId: asset.id });
    } catch (error) {
      notify.error(error, `read the settings of ${asset.name}`);
      return null;
    }
  }

  async function reuse(asset: Asset) {
    const settings = await settingsOf(asset);
    if (!settings) return;
    applySettings(settings);
    notify.info('Settings reused', `From ${asset.name}${settings.source === 'origin' ? '' : ', read from the file itself'}.`);
  }

  async function vary(asset: Asset) {
    const settings = await settingsOf(asset);
    if (!settings || generating) return;
    // Everything but the seed: the server picks a new one and records it.
    void jobs.generate({
      engine: settings.engine,
      prompt: settings.prompt,
      negativePrompt: settings.negativePrompt,
      width: settings.width,
      height: settings.height,
      ...(settings.engine === 'procedural'
        ? { ...(settings.template && { template: settings.template }), ...(settings.text && { text: settings.text }) }
        : {
            ...(settings.model && { model: settings.model }),
            ...(settings.steps !== undefined && { steps: settings.steps }),
            ...(settings.guidance !== undefined && { guidance: settings.guidance }),
            ...(settings.scheduler && { scheduler: settings.scheduler }),
          }),
      count: 1,
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      generate();
    } else if (event.key === 'Escape' && generating) {
      event.preventDefault();
      void jobs.stop();
    }
  }

  const shown = latest && images?.some((a) => a.id === latest.id) ? latest : (images?.[0] ?? null);
  const currentTemplate = templates.find((t) => t.id === template);
  const preset = presetFor(width, height);

  return (
    <div className="image-tab" onKeyDown={onKeyDown}>
      {project ? null : (
        <div className="notice notice-action">
          <FolderPlus aria-hidden="true" size={16} />
          <p>Pictures you make are kept in a project. Open one in the sidebar, or create one to start.</p>
          <button type="button" className="button button-small" onClick={onNewProject}>
            Create a project
          </button>
        </div>
      )}
      <section className="sound-card image-form" aria-label="Make a picture">
        <div className="image-form-top">
          <div className="segmented" role="radiogroup" aria-label="Engine">
            <label className="segment">
              <input type="radio" name="image-engine" value="procedural" checked={engine === 'procedural'} onChange={() => setEngine('procedural')} />
              Procedural
            </label>
            <label className="segment" title={hasModel ? 'Stable Diffusion on this computer' : 'Needs an image model: download one in the Models tab'}>
              <input type="radio" name="image-engine" value="diffusion" checked={diffusion} disabled={!hasModel} onChange={() => setEngine('diffusion')} />
              Diffusion
            </label>
          </div>
          {hasModel ? null : (
            <p className="inline-field-note">
              Diffusion needs an image model.{' '}
              <button type="button" className="link-button" onClick={onOpenModels}>
                Get one in Models
              </button>
            </p>
          )}
        </div>

        <div className="field">
          <label className="field-label" htmlFor={ids.prompt}>
            Prompt
          </label>
          <textarea
            id={ids.prompt}
            className="text-input image-prompt"
            rows={2}
            maxLength={IMAGE_LIMITS.prompt}
            placeholder={diffusion ? 'A lighthouse on a cliff at dusk, oil painting' : 'Mood and colour words steer the palette: midnight, warm, forest, ocean, sunset, pastel, neon…'}
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
          />
        </div>
        {diffusion ? (
          <div className="field">
            <label className="field-label" htmlFor={ids.negative}>
              Negative prompt
            </label>
            <input id={ids.negative} className="text-input" maxLength={IMAGE_LIMITS.prompt} placeholder="What to keep out: blurry, text, watermark" value={negativePrompt} onChange={(event) => setNegativePrompt(event.target.value)} />
          </div>
        ) : null}

        <div className="image-form-grid">
          {diffusion ? (
            <div className="field">
              <label className="field-label" htmlFor={ids.model}>
                Model
              </label>
              <select id={ids.model} className="select-input" value={chosenModelId} onChange={(event) => setModelId(event.target.value)}>
                {hasLocalModel ? <option value="">Active model{models?.find((m) => m.active) ? ` (${models.find((m) => m.active)?.name})` : ''}</option> : null}
                {models?.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
                {remoteImages.length > 0 ? (
                  <optgroup label="Remote engines">
                    {remoteImages.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.remoteId} · remote {m.remote}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            </div>
          ) : (
            <div className="field">
              <label className="field-label" htmlFor={ids.template}>
                Template
              </label>
              <select
                id={ids.template}
                className="select-input"
                value={template}
                title={currentTemplate?.description}
                onChange={(event) => {
                  const next = templates.find((t) => t.id === event.target.value);
                  setTemplate(event.target.value as ImageTemplateId);
                  if (next) {
                    setWidthText(String(next.defaultWidth));
                    setHeightText(String(next.defaultHeight));
                  }
                }}
              >
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label className="field-label" htmlFor={ids.size}>
              Size
            </label>
            <select
              id={ids.size}
              className="select-input"
              value={preset}
              onChange={(event) => {
                const chosen = SIZE_PRESETS.find((p) => p.id === event.target.value);
                if (chosen) {
                  setWidthText(String(chosen.width));
                  setHeightText(String(chosen.height));
                }
              }}
            >
              {SIZE_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
              <option value="custom" disabled>
                Custom
              </option>
            </select>
          </div>
          <div className="field image-size-fields">
            <span className="field-label" aria-hidden="true">
              Width × height
            </span>
            <span className="image-size-pair">
              <input id={ids.width} aria-label="Width" className="text-input text-input-compact" type="number" inputMode="numeric" min={IMAGE_LIMITS.size.min} max={IMAGE_LIMITS.size.max} step={diffusion ? 8 : 1} value={widthText} aria-invalid={!multipleOf8(width) || undefined} onChange={(event) => setWidthText(event.target.value)} />
              <span aria-hidden="true">×</span>
              <input id={ids.height} aria-label="Height" className="text-input text-input-compact" type="number" inputMode="numeric" min={IMAGE_LIMITS.size.min} max={IMAGE_LIMITS.size.max} step={diffusion ? 8 : 1} value={heightText} aria-invalid={!multipleOf8(height) || undefined} onChange={(event) => setHeightText(event.target.value)} />
            </span>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.seed}>
              Seed
            </label>
            <span className="image-seed">
              <input id={ids.seed} className="text-input text-input-compact" type="number" inputMode="numeric" min={0} max={IMAGE_LIMITS.seed.max} placeholder="Random" value={seedText} aria-invalid={seed === null || undefined} onChange={(event) => setSeedText(event.target.value)} />
              <button type="button" className="icon-button" aria-label="Roll a random seed" title="Roll a random seed" onClick={() => setSeedText(String(1 + Math.floor(Math.random() * RANDOM_SEED_MAX)))}>
                <Dices aria-hidden="true" size={16} />
              </button>
            </span>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.count}>
              Pictures
            </label>
            <input id={ids.count} className="text-input text-input-compact" type="number" inputMode="numeric" min={IMAGE_LIMITS.count.min} max={IMAGE_LIMITS.count.max} value={countText} aria-invalid={count === null || undefined} onChange={(event) => setCountText(event.target.value)} />
          </div>
          {diffusion ? (
            <>
              <div className="field">
                <label className="field-label" htmlFor={ids.steps}>
                  Steps
                </label>
                <input id={ids.steps} className="text-input text-input-compact" type="number" min={IMAGE_LIMITS.steps.min} max={IMAGE_LIMITS.steps.max} value={stepsText} aria-invalid={steps === null || undefined} onChange={(event) => setStepsText(event.target.value)} />
              </div>
              <div className="field">
                <label className="field-label" htmlFor={ids.guidance}>
                  Guidance
                </label>
                <input id={ids.guidance} className="text-input text-input-compact" type="number" step={0.5} min={IMAGE_LIMITS.guidance.min} max={IMAGE_LIMITS.guidance.max} value={guidanceText} aria-invalid={guidance === null || undefined} onChange={(event) => setGuidanceText(event.target.value)} />
              </div>
              <div className="field">
                <label className="field-label" htmlFor={ids.scheduler}>
                  Scheduler
                </label>
                <select id={ids.scheduler} className="select-input" value={scheduler} onChange={(event) => setScheduler(event.target.value as DiffusionScheduler)}>
                  {DIFFUSION_SCHEDULERS.map((s) => (
                    <option key={s} value={s}>
                      {SCHEDULER_LABELS[s]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label className="field-label" htmlFor={ids.init}>
                  Start from
                </label>
                <select id={ids.init} className="select-input" value={initId} onChange={(event) => setInitId(event.target.value)}>
                  <option value="">Nothing (text to image)</option>
                  {images?.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </div>
              {initId ? (
                <div className="field">
                  <label className="field-label" htmlFor={ids.strength}>
                    Strength
                  </label>
                  <input id={ids.strength} className="text-input text-input-compact" type="number" step={0.05} min={0} max={1} value={strengthText} aria-invalid={strength === null || undefined} onChange={(event) => setStrengthText(event.target.value)} />
                </div>
              ) : null}
            </>
          ) : (
            <div className="field image-text-field">
              <label className="field-label" htmlFor={ids.text}>
                {currentTemplate?.textLabel ?? 'Text'}
              </label>
              <textarea id={ids.text} className="text-input" rows={2} maxLength={IMAGE_LIMITS.text} placeholder="The Harbour at Midnight" value={text} onChange={(event) => setText(event.target.value)} />
            </div>
          )}
        </div>
        {diffusion && remoteChosen ? (
          <p className="inline-field-note">
            <span className="remote-tag">remote</span> Drawn on “{remoteChosen.remote}”: the prompt, size, count and seed are sent; steps, guidance and a starting picture apply to models on this computer only.
          </p>
        ) : null}

        <footer className="image-form-footer">
          <p id={ids.hint} className={problem && project ? 'field-error' : 'inline-field-note'}>
            {problem ?? (currentTemplate && !diffusion ? currentTemplate.description : 'Ctrl+Enter generates; Esc stops.')}
          </p>
          {generating ? (
            <button type="button" className="button" onClick={() => void jobs.stop()} aria-keyshortcuts="Escape">
              <Square aria-hidden="true" size={14} />
              Stop
            </button>
          ) : null}
          <button type="button" className="button button-primary" disabled={problem !== null || generating !== null} aria-describedby={ids.hint} aria-keyshortcuts="Control+Enter Meta+Enter" onClick={generate}>
            {generating ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Sparkles aria-hidden="true" size={15} />}
            Generate
          </button>
        </footer>
        {jobs.error ? (
          <div className="notice notice-error" role="alert">
            <p>
              {jobs.error.message}
              {jobs.error.code === 'MODEL_NOT_FOUND' ? (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={onOpenModels}>
                    Open Models
                  </button>
                </>
              ) : null}
            </p>
          </div>
        ) : null}
      </section>

      <section className="sound-card image-stage" aria-label="Preview">
        {generating ? (
          <div className="image-progress" role="status" aria-live="polite">
            <div className="progress" data-indeterminate={generating.progress === null || undefined} aria-hidden="true">
              <div className="progress-fill" style={{ width: `${Math.round((generating.progress ?? 0) * 100)}%` }} />
            </div>
            <span>{generating.detail ?? 'Starting…'}</span>
          </div>
        ) : null}
        {generating?.preview ? (
          <img className="image-stage-picture" src={generating.preview} alt="Live preview of the picture being made" />
        ) : shown ? (
          <LatestPicture asset={shown} />
        ) : (
          <div className="image-stage-empty">
            <ImagePlus aria-hidden="true" size={28} />
            <p>Your picture appears here.</p>
          </div>
        )}
      </section>

      {editing ? <ImageEditPanel key={editing.id} asset={editing} running={jobs.editing} onSave={(input) => void jobs.edit(input)} onClose={() => setEditing(null)} /> : null}

      {project ? (
        <ImageGallery
          images={images}
          selectedId={selectedAssetId}
          busy={generating !== null}
          onSelect={onSelectAsset}
          onVary={(asset) => void vary(asset)}
          onReuse={(asset) => void reuse(asset)}
          onEdit={(asset) => setEditing(asset)}
          onSendToStoryboard={(asset) => void sendToStoryboard(asset)}
        />
      ) : null}
    </div>
  );
}

function LatestPicture({ asset }: { asset: Asset }) {
  const state = useAssetUrl(asset.id, 'file');
  return state.status === 'ready' ? (
    <figure className="image-stage-figure">
      <img className="image-stage-picture" src={state.url} alt={asset.origin.prompt ? `Latest picture: ${asset.origin.prompt}` : `Latest picture: ${asset.name}`} />
      <figcaption>{asset.name}</figcaption>
    </figure>
  ) : null;
}

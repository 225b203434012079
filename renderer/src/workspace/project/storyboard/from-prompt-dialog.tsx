import { Boxes, Sparkles } from 'lucide-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { projectTitleFromPrompt, STORYBOARD_PROMPT_LIMITS, StoryboardPromptSchema, toErrorShape, type VoiceInfo } from '../../../../../preload/contract.js';
import { Dialog } from '../../../components/dialog.js';
import { useClient } from '../../../state/client-context.js';
import { useTextModels } from '../../../state/use-text-models.js';

type ImageEngine = 'auto' | 'procedural' | 'diffusion';

const ENGINES: readonly { value: ImageEngine; label: string; hint: string }[] = [
  { value: 'auto', label: 'Automatic', hint: 'Diffusion when an image model is installed, otherwise title cards.' },
  { value: 'procedural', label: 'Title cards', hint: 'Quick procedural pictures with each scene’s title; no model needed.' },
  { value: 'diffusion', label: 'Diffusion', hint: 'Pictures from the installed image model; slower.' },
];

interface FromPromptDialogProps {
  /** Called once the run has started (a new project is open and filling in). */
  onStarted(jobId: string): void;
  onClose(): void;
  onOpenModels(): void;
}

/** One prompt → a new project whose scenes the text model writes, then illustrates and narrates. */
export function FromPromptDialog({ onStarted, onClose, onOpenModels }: FromPromptDialogProps) {
  const { api } = useClient();
  const models = useTextModels();
  const ids = { prompt: useId(), title: useId(), count: useId(), voice: useId(), seed: useId(), error: useId(), engine: useId() };
  const [prompt, setPrompt] = useState('');
  // The title follows the prompt's first words until the creator types one of their own.
  const [ownTitle, setOwnTitle] = useState<string | null>(null);
  const title = ownTitle ?? (prompt.trim() ? projectTitleFromPrompt(prompt) : '');
  const [sceneCount, setSceneCount] = useState(String(STORYBOARD_PROMPT_LIMITS.scenes.default));
  const [voice, setVoice] = useState('en');
  const [voices, setVoices] = useState<VoiceInfo[] | null>(null);
  const [imageEngine, setImageEngine] = useState<ImageEngine>('auto');
  const [seed, setSeed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noModel = models !== null && models.length === 0;

  useEffect(() => {
    let live = true;
    api.voice
      .voices({})
      .then((list) => live && setVoices([...list.voices].sort((a, b) => a.name.localeCompare(b.name))))
      .catch(() => live && setVoices([]));
    return () => {
      live = false;
    };
  }, [api]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || noModel) return;
    const parsed = StoryboardPromptSchema.safeParse({
      prompt,
      sceneCount: Number(sceneCount),
      // Always sent: the project keeps the name shown here, never renamed after the model's title.
      title: title.trim() || projectTitleFromPrompt(prompt),
      voice,
      imageEngine,
      ...(seed.trim() !== '' && { seed: Number(seed) }),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0];
      setError(
        field === 'sceneCount'
          ? `Scenes: a whole number from ${STORYBOARD_PROMPT_LIMITS.scenes.min} to ${STORYBOARD_PROMPT_LIMITS.scenes.max}.`
          : field === 'seed'
            ? 'Seed: a whole number from 0 to 4294967295, or empty for a random one.'
            : field === 'title'
              ? 'Title: at most 120 characters.'
              : (issue?.message ?? 'Check the values.'),
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { jobId } = await api.storyboard.fromPrompt(parsed.data);
      onStarted(jobId);
    } catch (failure) {
      setError(toErrorShape(failure).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="A storyboard from a prompt"
      description="This makes a new project: describe the story, and the text model writes its scenes, then each is illustrated and narrated. You see the scenes as they are written, and the cards fill in as they are made."
      onClose={onClose}
      width="wide"
    >
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        {noModel ? (
          <div className="notice" role="note">
            <Boxes aria-hidden="true" size={16} />
            <p>
              Writing the scenes needs a text model, and none is installed.{' '}
              <button type="button" className="link-button" onClick={onOpenModels}>
                Get one in Models
              </button>
            </p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={ids.prompt} className="field-label">
            Story
          </label>
          <textarea
            id={ids.prompt}
            className="text-input from-prompt-text"
            data-autofocus
            rows={3}
            maxLength={STORYBOARD_PROMPT_LIMITS.prompt}
            placeholder="A lighthouse keeper finds a lost fox"
            value={prompt}
            aria-describedby={error ? ids.error : undefined}
            onChange={(event) => {
              setPrompt(event.target.value);
              if (error) setError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.title} className="field-label">
            New project’s title
          </label>
          <input
            id={ids.title}
            className="text-input"
            maxLength={120}
            placeholder="Named after the story"
            value={title}
            onChange={(event) => setOwnTitle(event.target.value)}
          />
        </div>
        <div className="from-prompt-row">
          <div className="field">
            <label htmlFor={ids.count} className="field-label">
              Scenes
            </label>
            <input
              id={ids.count}
              className="text-input text-input-compact"
              type="number"
              min={STORYBOARD_PROMPT_LIMITS.scenes.min}
              max={STORYBOARD_PROMPT_LIMITS.scenes.max}
              step={1}
              value={sceneCount}
              onChange={(event) => setSceneCount(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.voice} className="field-label">
              Voice
            </label>
            <select id={ids.voice} className="select-input" value={voice} onChange={(event) => setVoice(event.target.value)} disabled={voices === null}>
              {/* espeak's own default for 'en'; the list names only regional English voices. */}
              {voices?.some((v) => v.id === 'en') ? null : <option value="en">English (default)</option>}
              {voices?.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.seed} className="field-label">
              Seed <span className="muted">(optional)</span>
            </label>
            <input
              id={ids.seed}
              className="text-input text-input-compact"
              inputMode="numeric"
              placeholder="Random"
              value={seed}
              onChange={(event) => setSeed(event.target.value.replace(/[^\d]/g, ''))}
            />
          </div>
        </div>
        <fieldset className="field">
          <legend className="field-label">Pictures</legend>
          <div className="segmented" role="radiogroup" aria-label="Pictures">
            {ENGINES.map((engine) => (
              <label key={engine.value} className="segment" title={engine.hint}>
                <input
                  type="radio"
                  name={ids.engine}
                  value={engine.value}
                  checked={imageEngine === engine.value}
                  onChange={() => setImageEngine(engine.value)}
                />
                {engine.label}
              </label>
            ))}
          </div>
          <p className="inline-field-note">{ENGINES.find((engine) => engine.value === imageEngine)?.hint}</p>
        </fieldset>
        {error ? (
          <p id={ids.error} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={busy || noModel || undefined} disabled={noModel}>
            <Sparkles aria-hidden="true" size={14} />
            {busy ? 'Starting…' : 'Make the storyboard'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

import { FolderPlus } from 'lucide-react';
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { Asset, ImageSettings, ProjectSummary } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';
import { useRemoteModels } from '../../state/use-remote-models.js';
import { useImageJobs, type ImageJobKind } from './use-image-jobs.js';
import '../../styles/image.css';
import { useSendToStoryboard } from '../project/storyboard/use-send-to-storyboard.js';
import { DiffusionFields, ModelField, RemoteModelNote } from './diffusion-fields.js';
import { ImageEditPanel } from './image-edit-panel.js';
import { ImageRepaintPanel, type RepaintRequest } from './image-repaint-panel.js';
import { blobToDataUrl } from './mask/mask-data-url.js';
import { ImageEngineFields } from './image-engine-fields.js';
import { ImageExtendPanel } from './extend/image-extend-panel.js';
import { ImageGallery } from './image-gallery.js';
import { ImageGenerateFooter } from './image-generate-footer.js';
import { ImageSizeFields } from './image-size-fields.js';
import { ImageStage } from './image-stage.js';
import { variationOf } from './image-variation.js';
import { TemplateField, TemplateTextField } from './procedural-fields.js';
import { useImageForm } from './use-image-form.js';
import { useImageModels, useImageTemplates } from './use-image-models.js';

/** How many of the latest pictures the strip under the result shows. */
const RECENT_COUNT = 8;

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

/** The Image tab: a prompt and its settings, Generate with progress and a live preview, the gallery and the editor. */
export function ImagePanel({ project, assets, selectedAssetId, onSelectAsset, onNewProject, onOpenModels, onAssetsChanged }: ImagePanelProps) {
  const { api } = useClient();
  const notify = useNotify();
  const templates = useImageTemplates();
  const models = useImageModels();
  const remoteModels = useRemoteModels();
  const remoteImages = remoteModels.listing?.models.filter((m) => m.modality === 'image') ?? [];
  const images = assets?.filter((asset) => asset.kind === 'image') ?? null;
  const form = useImageForm({ project, models, remoteImages, images });
  const [latest, setLatest] = useState<Asset | null>(null);
  const [editing, setEditing] = useState<Asset | null>(null);
  const [repainting, setRepainting] = useState<Asset | null>(null);
  const [extending, setExtending] = useState<Asset | null>(null);

  const onMade = useCallback(
    (made: Asset[], kind: ImageJobKind) => {
      onAssetsChanged();
      const first = made[0];
      if (!first) return;
      setLatest(first);
      onSelectAsset(first);
      if (kind === 'image.edit') {
        setEditing(null);
        notify.success('Saved the edited picture', `${first.name}: the original is kept.`);
      } else if (kind === 'image.inpaint') {
        setRepainting(null);
        notify.success('Repainted the picture', `${first.name}: only the painted area changed; the original is kept.`);
      } else if (kind === 'image.outpaint') {
        setExtending(null);
        notify.success('Extended the picture', `${first.name}: ${first.width ?? '?'}×${first.height ?? '?'}; the original is kept.`);
      }
    },
    [onAssetsChanged, onSelectAsset, notify],
  );
  const jobs = useImageJobs(onMade);
  const sendToStoryboard = useSendToStoryboard();
  const { diffusion, problem } = form;
  const generating = jobs.generating;

  function generate() {
    if (problem || generating) return;
    void jobs.generate(form.request());
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
    form.applySettings(settings);
    notify.info('Settings reused', `From ${asset.name}${settings.source === 'origin' ? '' : ', read from the file itself'}.`);
  }

  async function vary(asset: Asset) {
    const settings = await settingsOf(asset);
    if (!settings || generating) return;
    void jobs.generate(variationOf(settings));
  }

  async function repaint({ asset, mask, prompt }: RepaintRequest) {
    const maskDataUrl = await blobToDataUrl(mask);
    await jobs.inpaint({ assetId: asset.id, maskDataUrl, prompt, ...chosenModel() });
  }

  /** The model chosen in the form when it is an installed one (a remote cannot repaint or extend); else the active model. */
  function chosenModel(): { model?: string } {
    const chosen = models?.find((m) => m.id === form.fields.modelId);
    return chosen ? { model: chosen.id } : {};
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

  const recent = useMemo(() => [...(images ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, RECENT_COUNT), [images]);
  const shown = latest && images?.some((a) => a.id === latest.id) ? latest : (recent[0] ?? null);
  const currentTemplate = templates.find((t) => t.id === form.fields.template);

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
      {/* The form beside a large result (one column only when narrow), as picture tools lay it out: the result is where you look. */}
      <div className="image-workbench">
        <section className="sound-card image-form" aria-label="Make a picture">
          <ImageEngineFields form={form} onOpenModels={onOpenModels} />
          <div className="image-form-grid">
            {diffusion ? (
              <ModelField form={form} models={models} remoteImages={remoteImages} />
            ) : (
              <TemplateField form={form} current={currentTemplate} templates={templates} />
            )}
            <ImageSizeFields form={form} />
            {diffusion ? <DiffusionFields form={form} images={images} /> : <TemplateTextField form={form} current={currentTemplate} />}
          </div>
          {diffusion && form.remoteChosen ? <RemoteModelNote model={form.remoteChosen} /> : null}
          <ImageGenerateFooter
            problem={problem}
            hasProject={project !== null}
            note={currentTemplate && !diffusion ? currentTemplate.description : 'Ctrl+Enter generates; Esc stops.'}
            jobs={jobs}
            onGenerate={generate}
            onOpenModels={onOpenModels}
          />
        </section>

        <ImageStage
          generating={generating}
          shown={shown}
          recent={recent}
          onShow={(asset) => {
            setLatest(asset);
            onSelectAsset(asset);
          }}
        />
      </div>

      {extending ? (
        <ImageExtendPanel
          key={extending.id}
          asset={extending}
          running={jobs.editing}
          canExtend={(models?.length ?? 0) > 0}
          onExtend={(input) => void jobs.outpaint({ ...input, ...chosenModel() })}
          onStop={() => void jobs.stopEdit()}
          onOpenModels={onOpenModels}
          onClose={() => setExtending(null)}
        />
      ) : repainting ? (
        <ImageRepaintPanel
          key={repainting.id}
          asset={repainting}
          running={jobs.editing}
          canRepaint={(models?.length ?? 0) > 0}
          onRepaint={(request) => void repaint(request)}
          onOpenModels={onOpenModels}
          onClose={() => setRepainting(null)}
        />
      ) : editing ? (
        <ImageEditPanel
          key={editing.id}
          asset={editing}
          running={jobs.editing}
          onSave={(input) => void jobs.edit(input)}
          onRepaint={() => {
            setRepainting(editing);
            setEditing(null);
          }}
          onExtend={() => {
            setExtending(editing);
            setEditing(null);
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}

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

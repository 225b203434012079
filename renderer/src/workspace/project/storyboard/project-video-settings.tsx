import { Film } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import type { Asset, CaptionMode, ProjectVideoChanges, ProjectVideoSettings, Scene } from '../../../../../preload/contract.js';
import { formatDuration } from '../../../format/duration.js';
import { useAssetUrl } from '../../../state/use-asset-url.js';
import { PlayerFrame } from './player-frame.js';
import '../../../styles/project-video.css';

interface ProjectVideoSettingsProps {
  video: ProjectVideoSettings;
  scenes: readonly Scene[];
  assets: readonly Asset[];
  assetsById: ReadonlyMap<string, Asset>;
  save(changes: ProjectVideoChanges, action: string): void;
}

const sceneName = (scene: Scene, index: number): string => `Scene ${index + 1}${scene.title.trim() ? `: ${scene.title.trim()}` : ''}`;

/**
 * The poster as the export makes it: the chosen scene framed as the export frames it (the
 * default 16:9, a picture of another shape on a blurred fill of itself or cropped to the
 * scene's focus point, no move), else the project's title card.
 */
function PosterPreview({ scene, index, picture, title }: { scene: Scene | undefined; index: number; picture: Asset | undefined; title: string }) {
  const url = useAssetUrl(picture?.kind === 'image' ? picture.id : null, picture?.thumbnail ? 'thumbnail' : 'file');
  const label = scene ? sceneName(scene, index) : 'the title card';
  return (
    <figure className="project-poster" data-testid="project-poster">
      {scene ? (
        <div role="img" aria-label={`Poster frame: ${label}`}>
          <div aria-hidden="true">
            <PlayerFrame
              scene={scene}
              number={index + 1}
              heading={scene.title.trim() || `Scene ${index + 1}`}
              aspect="16:9"
              pictureUrl={url.status === 'ready' ? url.url : null}
              seconds={1}
              paused
              motion={false}
              caption={null}
              still
            />
          </div>
        </div>
      ) : (
        <div className="project-poster-card" role="img" aria-label={`Poster frame: ${label}`}>
          <span>{title}</span>
        </div>
      )}
    </figure>
  );
}

/**
 * The whole video's settings, saved in the project: the music bed under every scene (the
 * Export dialog's default and `atelier project export`'s when --music is not given) and the
 * poster frame. Each change is one undo step of the storyboard.
 */
export function ProjectVideoSettingsPanel({ video, scenes, assets, assetsById, save, title }: ProjectVideoSettingsProps & { title: string }) {
  const id = useId();
  // The fields (a choice of every sound and every scene: hundreds of options in a large project) are made only while open.
  const [open, setOpen] = useState(false);
  const music = video.musicAssetId !== undefined ? assetsById.get(video.musicAssetId) : undefined;
  const posterIndex = scenes.findIndex((s) => s.id === video.posterSceneId);
  const posterScene = posterIndex >= 0 ? scenes[posterIndex] : undefined;
  const posterPicture = posterScene?.imageAssetId ? assetsById.get(posterScene.imageAssetId) : undefined;
  const captions = { soft: 'subtitle track', burn: 'burned in', off: 'none' }[video.captions ?? 'soft'];
  const summary = `Music: ${music ? music.name : 'none'} · Poster: ${posterScene ? sceneName(posterScene, posterIndex) : 'title card'} · Captions: ${captions}`;
  return (
    <details className="project-video" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      {/* Named by its own words (no aria-label), so what is read is what is shown. */}
      <summary className="project-video-summary">
        <Film aria-hidden="true" size={15} />
        <span className="project-video-heading">Whole video</span>
        <span className="visually-hidden">: </span>
        <span className="project-video-current">{summary}</span>
      </summary>
      {open ? (
        <ProjectVideoFields id={id} video={video} scenes={scenes} assets={assets} posterScene={posterScene} save={save}>
          <PosterPreview scene={posterScene} index={posterIndex} picture={posterPicture} title={title} />
        </ProjectVideoFields>
      ) : null}
    </details>
  );
}

interface ProjectVideoFieldsProps {
  id: string;
  video: ProjectVideoSettings;
  scenes: readonly Scene[];
  assets: readonly Asset[];
  posterScene: Scene | undefined;
  save(changes: ProjectVideoChanges, action: string): void;
  children: ReactNode;
}

function ProjectVideoFields({ id, video, scenes, assets, posterScene, save, children }: ProjectVideoFieldsProps) {
  const sounds = assets.filter((a) => a.kind === 'audio');
  return (
    <div className="project-video-fields">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-music`}>
          Project music bed
        </label>
        <select
          id={`${id}-music`}
          className="select"
          value={video.musicAssetId ?? ''}
          onChange={(event) =>
            save(
              { musicAssetId: event.target.value === '' ? null : event.target.value },
              event.target.value === '' ? 'take the music bed off' : 'set the music bed',
            )
          }
        >
          <option value="">No music</option>
          {sounds.map((asset) => (
            <option key={asset.id} value={asset.id}>
              {asset.origin.durationMs === undefined ? asset.name : `${asset.name} (${formatDuration(asset.origin.durationMs / 1000)})`}
            </option>
          ))}
        </select>
        <p className="settings-hint">
          {sounds.length === 0
            ? 'The project has no sounds yet: make a loop on the Voice tab’s synth, or import one.'
            : 'Under the whole video, looped, faded and lowered while the narration speaks. Exports use it unless told otherwise.'}
        </p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-poster`}>
          Poster frame
        </label>
        <select
          id={`${id}-poster`}
          className="select"
          value={posterScene?.id ?? ''}
          onChange={(event) => save({ posterSceneId: event.target.value === '' ? null : event.target.value }, 'choose the poster frame')}
        >
          <option value="">Title card</option>
          {scenes.map((scene, i) => (
            <option key={scene.id} value={scene.id}>
              {sceneName(scene, i)}
            </option>
          ))}
        </select>
        <p className="settings-hint">Written beside the video as a PNG and set as its cover art.</p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-captions`}>
          Captions
        </label>
        <select
          id={`${id}-captions`}
          className="select"
          value={video.captions ?? 'soft'}
          onChange={(event) => save({ captions: event.target.value as CaptionMode }, 'set the captions')}
        >
          <option value="soft">Subtitle track</option>
          <option value="burn">Burned in</option>
          <option value="off">None</option>
        </select>
        <p className="settings-hint">From each scene’s narration text, timed to its voice. Exports use this unless told otherwise.</p>
      </div>
      {children}
    </div>
  );
}

import { Download, FileDown, Square } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { ExportRequest, ProjectExportFormat, ProjectSummary } from '../../../../../preload/contract.js';
import { Dialog } from '../../../components/dialog.js';
import { formatBytes } from '../../../../../preload/human-units.js';
import { hintFor } from '../../../format/error-hints.js';
import { useClient } from '../../../state/client-context.js';
import { useNotify } from '../../../state/notifications.js';
import { estimateLine, useExportEstimate } from './use-export-estimate.js';
import { useExportJob } from './use-export-job.js';
import { MusicBedPicker } from './music-bed-picker.js';
import { DEFAULT_VIDEO_CHOICE, VideoOptions, type VideoChoice } from './video-options.js';
import { FolderConfirm, placeLine, useExportPlace } from './export-place.js';
import '../../../styles/export.css';

const FORMATS: { value: ProjectExportFormat; label: string; hint: string }[] = [
  { value: 'mp4', label: 'MP4', hint: 'A narrated slideshow video (H.264 + AAC) for any player.' },
  { value: 'webm', label: 'WebM', hint: 'The same video as VP9 + Opus, for the web.' },
  { value: 'html', label: 'HTML', hint: 'One file that plays the storyboard in any browser, offline.' },
  { value: 'pdf', label: 'PDF', hint: 'A title page and one page per scene, picture and text.' },
  { value: 'md', label: 'Markdown', hint: 'A .md page, its pictures and sounds in a _files folder beside it.' },
  { value: 'md-zip', label: 'Markdown (zip)', hint: 'The same .md page and its pictures and sounds, zipped into one file.' },
  { value: 'zip', label: 'Bundle', hint: 'The whole project as a zip that Atelier imports back.' },
];

const VIDEO = new Set<ProjectExportFormat>(['mp4', 'webm']);

/** Pick a format (and a video size), export as a job with progress and Stop, then show or download the file. */
export function ExportDialog({ project, onClose }: { project: ProjectSummary; onClose(): void }) {
  const client = useClient();
  const notify = useNotify();
  const id = useId();
  const [format, setFormat] = useState<ProjectExportFormat>('mp4');
  const [video, setVideo] = useState<VideoChoice>(DEFAULT_VIDEO_CHOICE);
  const [music, setMusic] = useState<string | null>(null);
  const musicTouched = useRef(false);
  const videoTouched = useRef(false);
  const chooseVideo = (choice: VideoChoice) => {
    videoTouched.current = true;
    setVideo(choice);
  };
  // The project's own music bed and caption mode are the defaults; a choice made here (No music included) is sent as it is.
  useEffect(() => {
    let live = true;
    client.api.storyboard
      .get({})
      .then((state) => {
        if (!live || state.projectId !== project.id) return;
        if (!musicTouched.current) setMusic(state.video.musicAssetId ?? null);
        const captions = state.video.captions;
        if (!videoTouched.current && captions) setVideo((current) => ({ ...current, captions }));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, project.id]);
  const { state, start, stop, reset } = useExportJob(project.id);
  const { place, refresh: refreshPlace } = useExportPlace(project.id);
  const [confirming, setConfirming] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  // A finished export hands the focus to what it made: Download where there is one, else the result.
  useEffect(() => {
    if (state.phase !== 'done') return;
    const box = resultRef.current;
    (box?.querySelector<HTMLButtonElement>('button') ?? box)?.focus();
    refreshPlace();
  }, [state.phase, refreshPlace]);
  const running = state.phase === 'running';
  const percent = running && state.job.progress !== null ? Math.round(state.job.progress * 100) : null;
  const chosen = FORMATS.find((f) => f.value === format);
  const isVideo = VIDEO.has(format);
  const request: Omit<ExportRequest, 'projectId'> = isVideo
    ? {
        format,
        resolution: video.resolution,
        aspect: video.aspect,
        captions: video.captions,
        motion: video.motion ? 'on' : 'off',
        musicAssetId: music,
      }
    : { format, resolution: '720p', aspect: '16:9', motion: 'on' };
  const estimate = useExportEstimate(isVideo ? { ...request, projectId: project.id } : null);

  /** The desktop asks where in its save dialog; elsewhere a folder that is not there yet is made only once confirmed. */
  function begin(confirmed: boolean) {
    setConfirming(false);
    if (place?.canChooseFile) return void start({ ...request, chooseFile: true });
    if (place && !place.exists && !confirmed) return setConfirming(true);
    void start({ ...request, createFolder: confirmed || place?.exists === true });
  }

  return (
    <Dialog title={`Export “${project.title}”`} description={placeLine(place)} onClose={onClose}>
      <form
        className="dialog-form export-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!running && !confirming) begin(false);
        }}
      >
        <fieldset className="field" disabled={running}>
          <legend className="field-label">Format</legend>
          <div className="segmented export-formats" role="radiogroup" aria-label="Format">
            {FORMATS.map((f) => (
              <label key={f.value} className="segment">
                <input
                  type="radio"
                  name={`${id}-format`}
                  value={f.value}
                  checked={format === f.value}
                  data-autofocus={format === f.value ? true : undefined}
                  onChange={() => {
                    setFormat(f.value);
                    setConfirming(false);
                    reset();
                  }}
                />
                {f.label}
              </label>
            ))}
          </div>
          <p className="settings-hint">{chosen?.hint}</p>
        </fieldset>
        {isVideo ? (
          <fieldset className="field export-video-options" disabled={running}>
            <legend className="visually-hidden">Video</legend>
            <VideoOptions id={id} value={video} onChange={chooseVideo} />
            <MusicBedPicker
              id={id}
              value={music}
              onChange={(next) => {
                musicTouched.current = true;
                setMusic(next);
              }}
            />
            <p className="settings-hint" aria-live="polite" data-testid="export-estimate">
              {estimate ? estimateLine(estimate, formatBytes) : 'Working out the length and size…'}
            </p>
          </fieldset>
        ) : null}

        {running ? (
          <div className="export-progress">
            <div
              className="progress"
              role="progressbar"
              aria-label="Export progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent ?? undefined}
              data-indeterminate={percent === null || undefined}
            >
              <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
            </div>
            <span className="muted" aria-live="polite">
              {percent === null ? 'Starting…' : `${percent}%`}
              {state.job.detail ? ` · ${state.job.detail}` : ''}
            </span>
          </div>
        ) : null}
        {confirming && place ? <FolderConfirm folder={place.folder} onConfirm={() => begin(true)} onCancel={() => setConfirming(false)} /> : null}
        {state.phase === 'done' ? (
          <div ref={resultRef} className="notice export-result" role="status" tabIndex={-1}>
            <strong>Exported {formatBytes(state.result.size)}</strong>
            <span className="path" title={state.result.path}>
              {state.result.path}
            </span>
            {client.downloadExport && state.result.downloadUrl ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  const name = state.result.path.split(/[\\/]/).pop() ?? 'export';
                  client.downloadExport?.(state.result.downloadUrl as string, name).catch((error: unknown) => notify.error(error, 'download the export'));
                }}
              >
                <Download aria-hidden="true" size={14} />
                Download
              </button>
            ) : null}
            {client.downloadExport && !state.result.downloadUrl ? (
              <span className="muted">A page and its folder download as one file with Markdown (zip).</span>
            ) : null}
            {state.result.notes?.map((note) => (
              <span key={note} className="muted export-note">
                {note}
              </span>
            ))}
          </div>
        ) : null}
        {state.phase === 'failed' ? (
          <div className="notice notice-error" role="alert">
            <strong>The export failed.</strong> {state.error.message} {hintFor(state.error.code) ?? ''}
          </div>
        ) : null}
        {state.phase === 'cancelled' ? (
          <p className="muted" role="status">
            Stopped. No file was written.
          </p>
        ) : null}

        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Close
          </button>
          {running ? (
            <button key="stop" type="button" className="button button-danger" onClick={() => void stop()}>
              <Square aria-hidden="true" size={14} />
              Stop
            </button>
          ) : confirming ? null : (
            <button key="export" type="submit" className="button button-primary">
              <FileDown aria-hidden="true" size={14} />
              {state.phase === 'done' ? 'Export again' : 'Export'}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}

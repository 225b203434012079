import { VIDEO_PRESETS, type CaptionMode, type ExportResolution, type VideoAspect, type VideoPresetId } from '../../../../../preload/contract.js';

export interface VideoChoice {
  preset: VideoPresetId | 'custom';
  aspect: VideoAspect;
  resolution: ExportResolution;
  captions: CaptionMode;
  motion: boolean;
}

export const DEFAULT_VIDEO_CHOICE: VideoChoice = { preset: 'custom', aspect: '16:9', resolution: '720p', captions: 'soft', motion: true };

const ASPECTS: { value: VideoAspect; label: string }[] = [
  { value: '16:9', label: '16:9 wide' },
  { value: '9:16', label: '9:16 tall' },
  { value: '1:1', label: '1:1 square' },
];

const CAPTIONS: { value: CaptionMode; label: string }[] = [
  { value: 'soft', label: 'Subtitle track' },
  { value: 'burn', label: 'Burned in' },
  { value: 'off', label: 'None' },
];

function frameLabel(aspect: VideoAspect, resolution: ExportResolution): string {
  const short = resolution === '720p' ? 720 : 1080;
  const long = Math.round((short * 16) / 9);
  const [w, h] = aspect === '16:9' ? [long, short] : aspect === '9:16' ? [short, long] : [short, short];
  return `${resolution} (${w}×${h})`;
}

/** A video export's settings: a preset for a platform, or the frame, size, captions and motion one by one. */
export function VideoOptions({ id, value, onChange }: { id: string; value: VideoChoice; onChange(next: VideoChoice): void }) {
  const set = (change: Partial<VideoChoice>) => onChange({ ...value, preset: 'custom', ...change });
  return (
    <>
      <fieldset className="field">
        <legend className="field-label">Preset</legend>
        <div className="segmented export-presets" role="radiogroup" aria-label="Preset">
          <label className="segment">
            <input type="radio" name={`${id}-preset`} value="custom" checked={value.preset === 'custom'} onChange={() => set({})} />
            Custom
          </label>
          {VIDEO_PRESETS.map((preset) => (
            <label key={preset.id} className="segment">
              <input
                type="radio"
                name={`${id}-preset`}
                value={preset.id}
                checked={value.preset === preset.id}
                onChange={() => onChange({ ...value, preset: preset.id, aspect: preset.aspect, resolution: preset.resolution })}
              />
              {preset.label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Frame</legend>
        <div className="segmented" role="radiogroup" aria-label="Frame">
          {ASPECTS.map((a) => (
            <label key={a.value} className="segment">
              <input type="radio" name={`${id}-aspect`} value={a.value} checked={value.aspect === a.value} onChange={() => set({ aspect: a.value })} />
              {a.label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Video size</legend>
        <div className="segmented" role="radiogroup" aria-label="Video size">
          {(['720p', '1080p'] as const).map((r) => (
            <label key={r} className="segment">
              <input type="radio" name={`${id}-resolution`} value={r} checked={value.resolution === r} onChange={() => set({ resolution: r })} />
              {frameLabel(value.aspect, r)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Captions from the narration</legend>
        <div className="segmented" role="radiogroup" aria-label="Captions">
          {CAPTIONS.map((c) => (
            <label key={c.value} className="segment">
              <input
                type="radio"
                name={`${id}-captions`}
                value={c.value}
                checked={value.captions === c.value}
                onChange={() => onChange({ ...value, captions: c.value })}
              />
              {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={value.motion} onChange={(event) => onChange({ ...value, motion: event.target.checked })} />
        Gentle pan and zoom on each picture
      </label>
    </>
  );
}

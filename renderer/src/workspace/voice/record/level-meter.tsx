import type { TakeProgress } from './take-recorder.js';

/** The meter's scale: -60 dBFS (empty) to 0 dBFS (full), as a percentage. */
function meterPercent(rms: number): number {
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100)));
}

/** The microphone's level while a take runs (the Record panel, dictation): a meter, full at 0 dBFS, marked when it clips. */
export function LevelMeter({ progress, label = 'Microphone level' }: { progress: TakeProgress; label?: string }) {
  const percent = meterPercent(progress.rms);
  const db = progress.rms > 0 ? Math.round(20 * Math.log10(progress.rms)) : null;
  return (
    <div
      className="voice-meter"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={db === null ? 'silent' : `${db} dB`}
    >
      <div className="voice-meter-fill" style={{ width: `${percent}%` }} data-loud={progress.peak >= 0.99 || undefined} />
    </div>
  );
}

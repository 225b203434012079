import { useCallback, useEffect, useRef, useState } from 'react';
import { AtelierError, RECORDING_LIMITS, type Asset } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { microphoneProblem } from './microphone-errors.js';
import { TakeRecorder, type TakeProgress } from './take-recorder.js';
import { encodeWav16 } from './wav-encode.js';

type RecorderPhase = 'idle' | 'asking' | 'recording' | 'saving';

interface RecorderProblem {
  message: string;
  /** Set when main refused the take as silent: the same take can still be kept untrimmed. */
  untrimmedRef?: string;
}

interface Recorder {
  phase: RecorderPhase;
  progress: TakeProgress;
  problem: RecorderProblem | null;
  /** After a take was kept: how long it is and how much silence went. */
  kept: { asset: Asset; trimmedSeconds: number } | null;
  start(): void;
  stop(): void;
  cancel(): void;
  keepUntrimmed(): void;
  dismiss(): void;
}

const SILENT: TakeProgress = { rms: 0, peak: 0, seconds: 0 };

function trimmedSeconds(asset: Asset): number {
  const parameters = asset.origin.parameters ?? {};
  const ms = (value: unknown) => (typeof value === 'number' ? value : 0);
  return (ms(parameters.trimmedStartMs) + ms(parameters.trimmedEndMs)) / 1000;
}

/**
 * The Voice tab's Record button: ask for the microphone, record, stop or cancel, then
 * hand the take to main (which trims and keeps it). One take at a time.
 */
export function useRecorder(onMade: (asset: Asset) => void): Recorder {
  const client = useClient();
  const { api } = client;
  const [phase, setPhase] = useState<RecorderPhase>('idle');
  const [progress, setProgress] = useState<TakeProgress>(SILENT);
  const [problem, setProblem] = useState<RecorderProblem | null>(null);
  const [kept, setKept] = useState<Recorder['kept']>(null);
  const recorder = useRef<TakeRecorder | null>(null);
  // A Cancel while the microphone is being asked for: the recorder that arrives later is dropped.
  const attempt = useRef(0);
  const onMadeRef = useRef(onMade);
  onMadeRef.current = onMade;

  const save = useCallback(
    async (fileRef: string, trim: boolean) => {
      setPhase('saving');
      try {
        const asset = await api.voice.saveRecording({ fileRef, trim });
        setKept({ asset, trimmedSeconds: trimmedSeconds(asset) });
        onMadeRef.current(asset);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const silent = trim && error instanceof AtelierError && error.code === 'INVALID_INPUT' && /silent/.test(message);
        setProblem({ message, ...(silent && { untrimmedRef: fileRef }) });
      } finally {
        setPhase('idle');
      }
    },
    [api],
  );

  const stop = useCallback(() => {
    const current = recorder.current;
    if (!current) return;
    recorder.current = null;
    setPhase('saving');
    void (async () => {
      try {
        const take = await current.stop();
        if (take.samples.length === 0) throw new AtelierError('INVALID_INPUT', 'Nothing was recorded: the microphone sent no sound.');
        const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-');
        const ref = await client.sendRecording(new Blob([encodeWav16(take.samples, take.sampleRate)], { type: 'audio/wav' }), `recording-${stamp}.wav`);
        await save(ref.ref, true);
      } catch (error) {
        setProblem({ message: error instanceof Error ? error.message : String(error) });
        setPhase('idle');
      }
    })();
  }, [save, client]);

  const start = useCallback(() => {
    if (recorder.current || phase !== 'idle') return;
    const mine = ++attempt.current;
    setProblem(null);
    setKept(null);
    setProgress(SILENT);
    setPhase('asking');
    TakeRecorder.start((next) => setProgress(next), { maxSeconds: RECORDING_LIMITS.maxSeconds, onFull: () => stopRef.current() }).then(
      (started) => {
        if (mine !== attempt.current) return started.cancel();
        recorder.current = started;
        setPhase('recording');
      },
      (error: unknown) => {
        if (mine !== attempt.current) return;
        setProblem({ message: microphoneProblem(error) });
        setPhase('idle');
      },
    );
  }, [phase]);

  const stopRef = useRef(stop);
  stopRef.current = stop;

  const cancel = useCallback(() => {
    attempt.current++;
    recorder.current?.cancel();
    recorder.current = null;
    setProgress(SILENT);
    setPhase('idle');
  }, []);

  // Leaving the tab's page (a project switch unmounts it) must not leave the microphone on.
  useEffect(() => () => recorder.current?.cancel(), []);

  return {
    phase,
    progress,
    problem,
    kept,
    start,
    stop,
    cancel,
    keepUntrimmed: () => {
      const ref = problem?.untrimmedRef;
      if (!ref) return;
      setProblem(null);
      void save(ref, false);
    },
    dismiss: () => setProblem(null),
  };
}

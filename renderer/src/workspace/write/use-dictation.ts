import { useCallback, useEffect, useRef, useState } from 'react';
import { RECORDING_LIMITS } from '../../../../preload/contract.js';
import type { DictationResult } from '../../../../preload/schemas/transcribe.js';
import { useClient } from '../../state/client-context.js';
import { useJob, useJobSettled } from '../../state/use-job-store.js';
import { microphoneProblem } from '../voice/record/microphone-errors.js';
import { TakeRecorder, type TakeProgress } from '../voice/record/take-recorder.js';
import { encodeWav16 } from '../voice/record/wav-encode.js';

type DictationPhase = 'idle' | 'asking' | 'listening' | 'hearing';

interface DictationProblem {
  message: string;
  /** No speech-to-text model: the message offers the Models tab. */
  needsModel?: boolean;
}

export interface Dictation {
  phase: DictationPhase;
  progress: TakeProgress;
  /** While hearing: the job's fraction of the take heard (null until it knows). */
  heard: number | null;
  problem: DictationProblem | null;
  start(): void;
  /** Ends listening and sends the take to be heard. */
  stop(): void;
  /** Esc: drops the take, or stops the job hearing it; nothing is inserted. */
  cancel(): void;
  dismiss(): void;
}

const SILENT: TakeProgress = { rms: 0, peak: 0, seconds: 0 };
const NO_MODEL = 'Dictation needs a speech-to-text model. Download a Whisper model (or import one) in the Models tab, then dictate again.';

/**
 * The Write tab's dictation: the Record panel's TakeRecorder (the same capture worklet)
 * listens; the take goes to main as a WAV and `transcribe.dictation` hears it with the
 * installed Whisper model (a job: progress, Esc stops it); `onWords` gets the words.
 */
export function useDictation(onWords: (text: string) => void): Dictation {
  const client = useClient();
  const { api } = client;
  const [phase, setPhase] = useState<DictationPhase>('idle');
  const [progress, setProgress] = useState<TakeProgress>(SILENT);
  const [problem, setProblem] = useState<DictationProblem | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const recorder = useRef<TakeRecorder | null>(null);
  // Esc while the microphone is being asked for, or while the take uploads: what arrives later is dropped.
  const attempt = useRef(0);
  const onWordsRef = useRef(onWords);
  onWordsRef.current = onWords;
  const whenSettled = useJobSettled();
  const job = useJob(jobId)?.job;

  const start = useCallback(() => {
    if (recorder.current || phase !== 'idle') return;
    const mine = ++attempt.current;
    setProblem(null);
    setProgress(SILENT);
    setPhase('asking');
    void (async () => {
      const installed = await api.models.list({}).catch(() => null);
      if (mine !== attempt.current) return;
      if (installed && !installed.some((model) => model.modality === 'speech-to-text')) {
        setProblem({ message: NO_MODEL, needsModel: true });
        setPhase('idle');
        return;
      }
      try {
        const started = await TakeRecorder.start(setProgress, { maxSeconds: RECORDING_LIMITS.maxSeconds, onFull: () => stopRef.current() });
        if (mine !== attempt.current) return started.cancel();
        recorder.current = started;
        setPhase('listening');
      } catch (error) {
        if (mine !== attempt.current) return;
        setProblem({ message: microphoneProblem(error, 'Dictate') });
        setPhase('idle');
      }
    })();
  }, [api, phase]);

  const stop = useCallback(() => {
    const current = recorder.current;
    if (!current) return;
    recorder.current = null;
    const mine = attempt.current;
    setPhase('hearing');
    void (async () => {
      try {
        const take = await current.stop();
        if (take.samples.length === 0) throw new Error('Nothing was heard: the microphone sent no sound.');
        const ref = await client.sendRecording(new Blob([encodeWav16(take.samples, take.sampleRate)], { type: 'audio/wav' }), 'dictation.wav');
        if (mine !== attempt.current) return;
        const ticket = await api.transcribe.dictation({ fileRef: ref.ref });
        if (mine !== attempt.current) return void api.jobs.cancel({ id: ticket.jobId }).catch(() => undefined);
        setJobId(ticket.jobId);
        whenSettled(ticket.jobId, (done) => {
          setJobId(null);
          setPhase('idle');
          if (done.state === 'done') {
            const text = (done.result as DictationResult).text.trim();
            if (text) onWordsRef.current(text);
            else setProblem({ message: 'No words were heard in that take.' });
          } else if (done.state === 'failed') {
            setProblem({ message: done.error?.message ?? 'The dictation could not be heard.' });
          }
        });
      } catch (error) {
        if (mine !== attempt.current) return;
        const message = error instanceof Error ? error.message : String(error);
        setProblem({ message, ...(/speech-to-text|transcription model/i.test(message) && { needsModel: true }) });
        setPhase('idle');
      }
    })();
  }, [api, client, whenSettled]);

  const stopRef = useRef(stop);
  stopRef.current = stop;

  const cancel = useCallback(() => {
    attempt.current++;
    recorder.current?.cancel();
    recorder.current = null;
    if (jobId) void api.jobs.cancel({ id: jobId }).catch(() => undefined);
    setJobId(null);
    setProgress(SILENT);
    setPhase('idle');
  }, [api, jobId]);

  // Leaving the tab's page must not leave the microphone on.
  useEffect(() => () => recorder.current?.cancel(), []);

  return {
    phase,
    progress,
    heard: job && typeof job.progress === 'number' ? job.progress : null,
    problem,
    start,
    stop,
    cancel,
    dismiss: () => setProblem(null),
  };
}

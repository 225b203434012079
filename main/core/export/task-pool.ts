import os from 'node:os';

/**
 * ffmpeg runs side by side: one per core (each encoder runs one thread), at least two so
 * the soundtrack's encode never waits behind the pictures, at most four so a large machine
 * does not hold a dozen 720p pictures in memory at once.
 */
export const FFMPEG_AT_ONCE = Math.max(2, Math.min(4, os.availableParallelism()));

/**
 * Runs `tasks` at most `width` at a time, in order of start. After a failure no new task
 * starts; the ones running finish (or are cancelled through the job's signal), then the
 * first error is thrown.
 */
export async function inPool(tasks: readonly (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      try {
        await task();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, lane));
  if (failure) throw failure.error;
}

/**
 * The lists a project needs first (its assets, its storyboard), asked for the moment main
 * has opened it: the requests travel while React lays out the newly open project, and the
 * hooks that show them take the answer instead of asking again once they mount.
 */
type PrefetchedList = 'assets' | 'storyboard';

const waiting = new Map<string, Promise<unknown>>();
/** Every list asked for at a project's open, settled (answered or failed), kept after it is taken. */
const opening = new Map<string, Promise<unknown>[]>();

function key(list: PrefetchedList, projectId: string): string {
  return `${list}:${projectId}`;
}

export function prefetch(list: PrefetchedList, projectId: string, request: () => Promise<unknown>): void {
  const answer = request();
  // Taken or not, a failed prefetch is not an error of its own: the hook that takes it reports it.
  answer.catch(() => undefined);
  waiting.set(key(list, projectId), answer);
  opening.set(projectId, [...(opening.get(projectId) ?? []), answer]);
}

/**
 * Resolves once everything asked for at the project's open has come back (at once if nothing
 * was): what can wait (the whole asset list) is asked for after that, not in its way.
 */
export async function openSettled(projectId: string): Promise<void> {
  await Promise.allSettled(opening.get(projectId) ?? []);
  opening.delete(projectId);
}

/** The answer asked for at open, once: every later load asks main again. Take it while mounting (an effect), before discardPrefetched runs. */
export function takePrefetched<T>(list: PrefetchedList, projectId: string): Promise<T> | undefined {
  const answer = waiting.get(key(list, projectId));
  waiting.delete(key(list, projectId));
  return answer as Promise<T> | undefined;
}

/**
 * Drops what no view took in the commit that showed the open project (the Project tab was
 * not on screen, say): taken later, it could be older than an edit made since.
 */
export function discardPrefetched(): void {
  waiting.clear();
}

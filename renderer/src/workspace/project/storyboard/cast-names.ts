import { createContext, useContext, useEffect, useState } from 'react';
import { useClient } from '../../../state/client-context.js';

/** The open project's character names, narrator first, for the scene cards' per-line voice picks. */
const CastNamesContext = createContext<readonly string[]>([]);

export const CastNamesProvider = CastNamesContext.Provider;

export function useCastNamesContext(): readonly string[] {
  return useContext(CastNamesContext);
}

/**
 * Reads the cast once per mount: the Cast view and the scenes are never on screen together,
 * so coming back to the scenes after editing the cast mounts this again.
 */
export function useCastNames(projectId: string): readonly string[] {
  const { api } = useClient();
  const [names, setNames] = useState<readonly string[]>([]);
  useEffect(() => {
    let live = true;
    api.cast
      .get()
      .then((cast) => live && setNames(cast.characters.map((c) => c.name)))
      // Without a cast the picks are simply not offered; narrating reports any real problem.
      .catch(() => live && setNames([]));
    return () => {
      live = false;
    };
  }, [api, projectId]);
  return names;
}

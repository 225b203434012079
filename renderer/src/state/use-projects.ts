import { useCallback, useEffect, useRef, useState } from 'react';
import { toErrorShape, type ProjectSummary } from '../../../preload/contract.js';
import { useClient } from './client-context.js';
import { useNotify } from './notifications.js';

export interface ProjectsState {
  /** null until the first answer arrives. */
  projects: ProjectSummary[] | null;
  current: ProjectSummary | null;
  loadError: string | null;
  refresh(): Promise<void>;
  /** Shows `project` as the open one at once, before the next list arrives (which refresh then asks for). */
  showOpened(project: ProjectSummary): void;
}

export function useProjects(): ProjectsState {
  const { api } = useClient();
  const notify = useNotify();
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Answers can overtake each other; only the newest request may write.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const list = await api.projects.list({});
      if (request !== latest.current) return;
      setProjects(list);
      setLoadError(null);
    } catch (error) {
      if (request !== latest.current) return;
      setLoadError(toErrorShape(error).message);
      notify.error(error, 'load your projects');
    }
  }, [api, notify]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const showOpened = useCallback((opened: ProjectSummary) => {
    // An answer to a list asked before the open would show the previous project again.
    latest.current += 1;
    setProjects((list) => {
      const others = (list ?? []).filter((project) => project.id !== opened.id).map((project) => (project.isOpen ? { ...project, isOpen: false } : project));
      return [opened, ...others];
    });
  }, []);

  const current = projects?.find((project) => project.isOpen) ?? null;
  return { projects, current, loadError, refresh, showOpened };
}

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
  /** Shows `project` as the open one at once, before the next list arrives (the open's project.changed asks for it). */
  showOpened(project: ProjectSummary): void;
}

export function useProjects(): ProjectsState {
  const { api } = useClient();
  const notify = useNotify();
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Answers can overtake each other; only the newest request may write.
  const latest = useRef(0);
  // The project shown open by showOpened, and the last request asked before that: its answer may predate the open.
  const opened = useRef<{ id: string; before: number } | null>(null);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const list = await api.projects.list({});
      if (request !== latest.current) return;
      const shown = opened.current;
      // Asked before the open's answer came: kept only if main had opened it by then (the open's own project.changed asked it).
      if (shown && request <= shown.before && !list.some((project) => project.id === shown.id && project.isOpen)) return;
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

  const showOpened = useCallback((project: ProjectSummary) => {
    // An answer to a list asked before the open could show the previous project again: refresh drops it.
    opened.current = { id: project.id, before: latest.current };
    setProjects((list) => {
      const others = (list ?? []).filter((other) => other.id !== project.id).map((other) => (other.isOpen ? { ...other, isOpen: false } : other));
      return [project, ...others];
    });
  }, []);

  const current = projects?.find((project) => project.isOpen) ?? null;
  return { projects, current, loadError, refresh, showOpened };
}

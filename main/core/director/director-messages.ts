import type { DirectorCallEntry, DirectorEntry } from '../../../preload/schemas/director.js';
import type { ProjectFile } from '../projects/project-file.js';
import type { ChatMessage } from '../text/text-service.js';

/** What the model is told it is, with the storyboard it works on (titles only: small models have small contexts). */
export function directorSystemPrompt(project: ProjectFile): string {
  const scenes = project.scenes.slice(0, 40).map((s, i) => `${i + 1}. ${s.title.trim() || '(untitled)'}`);
  return [
    `You are the director of "${project.title}", a story being made in a creative studio.`,
    'You can call the studio tools: illustrate a passage, narrate words, make a sound effect, add or edit storyboard scenes, list and read the assets.',
    'Each call is shown to the creator, who approves or rejects it. When a call is rejected, do not make it again unless asked.',
    'Answer briefly.',
    scenes.length > 0 ? `The storyboard has ${project.scenes.length} scenes:\n${scenes.join('\n')}` : 'The storyboard has no scenes yet.',
  ].join('\n');
}

/** The tool result the model reads for a settled call (a rejection says so, an error names its code). */
function toolResultText(call: DirectorCallEntry): string {
  switch (call.status) {
    case 'done':
      return JSON.stringify({ ok: true, ...call.result });
    case 'rejected':
      return JSON.stringify({ ok: false, rejected: true, message: 'The creator rejected this call; it did not run.' });
    case 'failed':
    case 'invalid':
      return JSON.stringify({ ok: false, error: call.error?.code ?? 'INTERNAL', message: call.error?.message ?? 'It failed.' });
    case 'pending':
      return JSON.stringify({ ok: false, message: 'The creator has not decided on this call yet; it has not run.' });
    case 'running':
      return JSON.stringify({ ok: false, message: 'This call is still running.' });
  }
}

/**
 * The conversation as OpenAI-style messages for the text engine: the calls of one model
 * turn ride on one assistant message (with the words the model wrote before them), each
 * followed by its tool result, so the model sees what it asked and what came of it.
 */
export function directorMessages(system: string, entries: readonly DirectorEntry[]): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: system }];
  let results: ChatMessage[] = [];
  const flush = () => {
    messages.push(...results);
    results = [];
  };
  for (const entry of entries) {
    if (entry.type === 'error') continue;
    if (entry.type === 'user') {
      flush();
      messages.push({ role: 'user', content: entry.text });
    } else if (entry.type === 'assistant') {
      flush();
      messages.push({ role: 'assistant', content: entry.text });
    } else {
      const last = messages.at(-1);
      const call = { id: entry.id, name: entry.tool, arguments: entry.arguments };
      if (last?.role === 'assistant' && results.length === 0 && !last.toolCalls) last.toolCalls = [call];
      else if (last?.role === 'assistant' && last.toolCalls) last.toolCalls.push(call);
      else messages.push({ role: 'assistant', content: '', toolCalls: [call] });
      results.push({ role: 'tool', toolCallId: entry.id, content: toolResultText(entry) });
    }
  }
  flush();
  return messages;
}

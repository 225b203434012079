import { randomBytes, randomUUID } from 'node:crypto';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import {
  DIRECTOR_TOOL_INFO,
  directorToolSpecs,
  type DirectorCallEntry,
  type DirectorEntry,
  type DirectorSend,
  type DirectorState,
  type DirectorToolName,
} from '../../../preload/schemas/director.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../../platform/log.js';
import type { TextService, ToolCall, ToolChoice } from '../text/text-service.js';
import { directorMessages, directorSystemPrompt } from './director-messages.js';
import { parseDirectorCall, startDirectorCall, type DirectorToolServices } from './director-tools.js';

/** Model turns in a row without a word from the creator: enough to chain a few tool calls, never a loop. */
const MAX_ROUNDS = 6;
const TURN_SAMPLING = { temperature: 0.7, topP: 0.95, maxTokens: 512 };

interface Conversation {
  entries: DirectorEntry[];
  thinking: boolean;
  /** Model turns since the creator last spoke. */
  rounds: number;
  model: string | undefined;
}

type DirectorServices = DirectorToolServices & { text: TextService; events: EventBus; log: Logger };

/**
 * The Write tab's director: a chat with the text model in which it may call the studio's
 * tools. Every call becomes a card; nothing runs until the creator approves it (or always
 * allows its tool in the project, or it only reads). Approved calls run through the same
 * services and jobs as the tabs' own buttons; each settled call goes back to the model as
 * its tool result, and the model answers once the last card of its turn is settled.
 * Conversations live in memory per project; the always-allowed tools are saved in it.
 */
export class DirectorService {
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly deps: DirectorServices) {}

  state(): DirectorState {
    const project = this.deps.projects.requireOpen().data;
    const talk = this.conversation(project.id);
    return { projectId: project.id, entries: talk.entries.map((e) => ({ ...e })), alwaysAllow: project.director?.alwaysAllow ?? [], thinking: talk.thinking };
  }

  /** The creator speaks: checked now (a model to answer, no turn already running), answered in the background. */
  async send(request: DirectorSend): Promise<DirectorState> {
    const projectId = this.deps.projects.requireOpen().data.id;
    const talk = this.conversation(projectId);
    if (talk.thinking) throw new AtelierError('INVALID_INPUT', 'The director is still answering; wait for it, then write again.');
    await this.deps.text.resolveModel(request.model);
    // Cards left undecided when the creator moves on are rejected: the model hears that they did not run.
    for (const entry of talk.entries) if (entry.type === 'call' && entry.status === 'pending') entry.status = 'rejected';
    talk.entries.push({ type: 'user', id: randomUUID(), text: request.text });
    talk.rounds = 0;
    talk.model = request.model;
    const choice: ToolChoice = request.tool === undefined ? 'auto' : request.tool === 'any' ? 'required' : { name: request.tool };
    this.startTurn(projectId, choice);
    return this.state();
  }

  async decide(request: { callId: string; approve: boolean; always: boolean }): Promise<DirectorState> {
    const projectId = this.deps.projects.requireOpen().data.id;
    const talk = this.conversation(projectId);
    const call = talk.entries.find((e): e is DirectorCallEntry => e.type === 'call' && e.id === request.callId);
    if (!call) throw new AtelierError('NOT_FOUND', `The director has no call "${request.callId}".`);
    if (call.status === 'invalid') throw new AtelierError('INVALID_INPUT', `This call cannot run: ${call.error?.message ?? 'its arguments do not fit.'}`);
    if (call.status !== 'pending') throw new AtelierError('INVALID_INPUT', `This call was already ${call.status === 'rejected' ? 'rejected' : 'approved'}.`);
    if (!request.approve) {
      call.status = 'rejected';
      this.changed(projectId);
      this.continueWhenSettled(projectId);
      return this.state();
    }
    if (request.always) await this.setAllowed(call.tool as DirectorToolName, true);
    // Answers once the call has started (a job in the tray); its end arrives as director.changed.
    await this.run(projectId, call);
    return this.state();
  }

  /** Grants or revokes "always allow" for a tool in the open project (saved in project.json). */
  async allow(request: { tool: DirectorToolName; allowed: boolean }): Promise<DirectorState> {
    await this.setAllowed(request.tool, request.allowed);
    return this.state();
  }

  clear(): DirectorState {
    const projectId = this.deps.projects.requireOpen().data.id;
    if (this.conversation(projectId).thinking) throw new AtelierError('INVALID_INPUT', 'The director is still answering; wait for it first.');
    this.conversations.delete(projectId);
    this.changed(projectId);
    return this.state();
  }

  private async setAllowed(tool: DirectorToolName, allowed: boolean): Promise<void> {
    const open = this.deps.projects.requireOpen().data;
    const current = new Set(open.director?.alwaysAllow ?? []);
    if (allowed) current.add(tool);
    else current.delete(tool);
    await this.deps.projects.update(open.id, (data) => ({ ...data, director: { alwaysAllow: [...current].sort() } }));
    this.changed(open.id);
  }

  private conversation(projectId: string): Conversation {
    let talk = this.conversations.get(projectId);
    if (!talk) {
      talk = { entries: [], thinking: false, rounds: 0, model: undefined };
      this.conversations.set(projectId, talk);
    }
    return talk;
  }

  private changed(projectId: string): void {
    this.deps.events.emit('director.changed', { projectId });
  }

  private startTurn(projectId: string, choice: ToolChoice): void {
    const talk = this.conversation(projectId);
    talk.thinking = true;
    talk.rounds += 1;
    this.changed(projectId);
    void this.turn(projectId, choice)
      .catch((error: unknown) => {
        this.deps.log.warn('director', `turn failed: ${(error as Error).message}`);
        talk.entries.push({ type: 'error', id: randomUUID(), error: turnError(error) });
      })
      .finally(() => {
        talk.thinking = false;
        this.changed(projectId);
        this.continueWhenSettled(projectId);
      });
  }

  /** One model turn: its words become a message, its calls cards (or runs, for tools that need no card). */
  private async turn(projectId: string, toolChoice: ToolChoice): Promise<void> {
    const talk = this.conversation(projectId);
    const project = this.projectData(projectId);
    const reply = await this.deps.text.generate(
      {
        kind: 'chat',
        messages: directorMessages(directorSystemPrompt(project), talk.entries),
        tools: directorToolSpecs(),
        toolChoice,
        sampling: TURN_SAMPLING,
        ...(talk.model !== undefined && { model: talk.model }),
      },
      new AbortController().signal,
    );
    if (reply.text.trim() !== '') talk.entries.push({ type: 'assistant', id: randomUUID(), text: reply.text.trim() });
    const allowed = new Set(project.director?.alwaysAllow ?? []);
    const cards = (reply.toolCalls ?? []).map((call) => this.card(call, allowed));
    talk.entries.push(...cards);
    this.changed(projectId);
    // Read-only and always-allowed calls run now; the model answers once they have settled (finally → continueWhenSettled).
    for (const card of cards) if (card.automatic) await (await this.run(projectId, card)).ended;
  }

  private card(call: ToolCall, allowed: ReadonlySet<string>): DirectorCallEntry {
    const entry: DirectorCallEntry = {
      type: 'call',
      id: `call_${randomBytes(12).toString('hex')}`,
      tool: call.name,
      arguments: call.arguments,
      status: 'pending',
      automatic: false,
    };
    try {
      const parsed = parseDirectorCall(call.name, call.arguments);
      entry.automatic = DIRECTOR_TOOL_INFO[parsed.tool].readOnly || allowed.has(parsed.tool);
    } catch (error) {
      // Arguments that do not fit are shown on a card that cannot be approved, and told to the model.
      entry.status = 'invalid';
      entry.error = toErrorShape(error);
    }
    return entry;
  }

  /**
   * Starts an approved call and resolves once it has started (its job queued), with a
   * promise of its end; a check that fails before any job marks the card failed.
   */
  private async run(projectId: string, call: DirectorCallEntry): Promise<{ ended: Promise<void> }> {
    call.status = 'running';
    this.changed(projectId);
    try {
      this.projectData(projectId);
      const started = await startDirectorCall(this.deps, parseDirectorCall(call.tool, call.arguments));
      if (started.jobId) call.jobId = started.jobId;
      this.changed(projectId);
      const ended = started.outcome.then(
        (result) => this.settle(projectId, call, { status: 'done', result }),
        (error: unknown) => this.settle(projectId, call, { status: 'failed', error: toErrorShape(error) }),
      );
      return { ended };
    } catch (error) {
      this.settle(projectId, call, { status: 'failed', error: toErrorShape(error) });
      return { ended: Promise.resolve() };
    }
  }

  private settle(projectId: string, call: DirectorCallEntry, end: Pick<DirectorCallEntry, 'status' | 'result' | 'error'>): void {
    if (call.status !== 'running') return;
    Object.assign(call, end);
    this.changed(projectId);
    this.continueWhenSettled(projectId);
  }

  /** Once every card of the model's last turn is settled, the model reads the results and answers. */
  private continueWhenSettled(projectId: string): void {
    const talk = this.conversation(projectId);
    if (talk.thinking || talk.rounds >= MAX_ROUNDS) return;
    const last = talk.entries.at(-1);
    if (last?.type !== 'call') return;
    const turnCalls: DirectorCallEntry[] = [];
    for (let i = talk.entries.length - 1; i >= 0; i -= 1) {
      const entry = talk.entries[i];
      if (entry?.type !== 'call') break;
      turnCalls.push(entry);
    }
    if (turnCalls.some((c) => c.status === 'pending' || c.status === 'running')) return;
    if (!this.isOpen(projectId)) return;
    this.startTurn(projectId, 'auto');
  }

  private isOpen(projectId: string): boolean {
    try {
      return this.deps.projects.requireOpen().data.id === projectId;
    } catch {
      return false;
    }
  }

  private projectData(projectId: string) {
    const open = this.deps.projects.requireOpen();
    if (open.data.id !== projectId) throw new AtelierError('NO_PROJECT_OPEN', 'The director’s project was closed; open it again.');
    return open.data;
  }
}

/** node-llama-cpp's words for a conversation past the context are about its internals: say what the creator can do. */
function turnError(error: unknown) {
  const shape = toErrorShape(error);
  if (/context shift|context size/i.test(shape.message))
    return {
      code: 'TOO_LARGE' as const,
      message: 'The conversation no longer fits the text model’s context. Start a new conversation, or raise the context size in Settings.',
    };
  return shape;
}

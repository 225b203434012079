import { Check, LoaderCircle, X } from 'lucide-react';
import { useId, useState } from 'react';
import { DIRECTOR_TOOL_INFO, type DirectorCallEntry, type DirectorToolName } from '../../../../../preload/contract.js';
import { useAssetUrl } from '../../../state/use-asset-url.js';
import { useJob } from '../../../state/use-job-store.js';

const STATUS_WORDS: Record<DirectorCallEntry['status'], string> = {
  pending: 'Waiting for you',
  running: 'Running…',
  done: 'Done',
  rejected: 'Rejected',
  failed: 'Failed',
  invalid: 'Cannot run',
};

/** The call's arguments as the creator reads them: one labelled line each, not JSON. */
function readableArguments(text: string): [string, string][] {
  try {
    const value = JSON.parse(text || '{}') as Record<string, unknown>;
    return Object.entries(value).map(([key, v]) => [key.replace(/_/g, ' '), typeof v === 'string' ? v : JSON.stringify(v)]);
  } catch {
    return [['arguments', text]];
  }
}

function labelOf(tool: string): string {
  return Object.hasOwn(DIRECTOR_TOOL_INFO, tool) ? DIRECTOR_TOOL_INFO[tool as DirectorToolName].label : tool;
}

/** What a finished call made: the picture, the clip (or sound) to play, or what it said. */
function CallResult({ call, kind }: { call: DirectorCallEntry; kind: 'image' | 'audio' | 'text' }) {
  const url = useAssetUrl(kind === 'text' ? null : (call.result?.assetId ?? null), 'file');
  if (!call.result) return null;
  if (kind === 'image' && url.status === 'ready')
    return <img className="director-result-image" src={url.url} alt={`Picture made by the director: ${call.result.summary}`} />;
  if (kind === 'audio' && url.status === 'ready')
    return <audio className="director-result-audio" controls src={url.url} aria-label="Clip made by the director" />;
  return <p className="inline-field-note director-result-text">{call.result.summary.slice(0, 400)}</p>;
}

interface DirectorCardProps {
  call: DirectorCallEntry;
  disabled: boolean;
  onDecide(approve: boolean, always: boolean): void;
}

/** One tool call of the model: what it wants to run, with Approve and Reject until the creator decides. */
export function DirectorCard({ call, disabled, onDecide }: DirectorCardProps) {
  const [always, setAlways] = useState(false);
  const alwaysId = useId();
  const job = useJob(call.jobId);
  const label = labelOf(call.tool);
  const kind = call.tool === 'illustrate' ? 'image' : call.tool === 'narrate' || call.tool === 'make_sound' ? 'audio' : 'text';
  return (
    <article className={`director-card director-card-${call.status}`} aria-label={`${label} call`}>
      <header className="director-card-header">
        <strong>{label}</strong>
        <span className="director-card-status" role="status">
          {call.status === 'running' ? <LoaderCircle aria-hidden="true" size={13} className="spin" /> : null}
          {call.status === 'running' && job?.job.detail ? job.job.detail : STATUS_WORDS[call.status]}
          {call.automatic && call.status !== 'pending' ? ' · ran without asking' : ''}
        </span>
      </header>
      <dl className="director-card-args">
        {readableArguments(call.arguments).map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {call.error ? (
        <p className="field-error" role="alert">
          {call.error.message}
        </p>
      ) : null}
      {call.status === 'done' ? <CallResult call={call} kind={kind} /> : null}
      {call.status === 'pending' ? (
        <div className="director-card-actions">
          <label className="checkbox" htmlFor={alwaysId}>
            <input id={alwaysId} type="checkbox" checked={always} onChange={(event) => setAlways(event.target.checked)} />
            Always allow {label.toLowerCase()} in this project
          </label>
          <button type="button" className="button button-small" disabled={disabled} onClick={() => onDecide(false, false)}>
            <X aria-hidden="true" size={14} />
            Reject
          </button>
          <button type="button" className="button button-small button-primary" disabled={disabled} onClick={() => onDecide(true, always)}>
            <Check aria-hidden="true" size={14} />
            Approve
          </button>
        </div>
      ) : null}
    </article>
  );
}

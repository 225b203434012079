import { CircleCheck, CircleX, LoaderCircle, Plus, Server, Trash2, Wifi } from 'lucide-react';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import {
  keyTravelsInClear,
  RemoteAddSchema,
  toErrorShape,
  type ErrorShape,
  type Remote,
  type RemoteAdd,
  type RemoteTestResult,
} from '../../../preload/contract.js';
import { hintFor } from '../format/error-hints.js';
import { useClient } from '../state/client-context.js';
import '../styles/remotes.css';

type FieldName = 'name' | 'url' | 'key';
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELD_LABELS: Readonly<Record<FieldName, string>> = { name: 'Name', url: 'Address', key: 'Key' };

/** The schema main checks with, read as one sentence per field. */
function checkForm(form: Record<FieldName, string>): { ok: true; value: ReturnType<typeof RemoteAddSchema.parse> } | { ok: false; errors: FieldErrors } {
  const parsed = RemoteAddSchema.safeParse({
    name: form.name.trim(),
    url: form.url.trim(),
    ...(form.key.trim() !== '' && { key: form.key.trim() }),
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === 'name' || field === 'url' || field === 'key') && !errors[field]) {
      errors[field] =
        field === 'url' && issue.code === 'invalid_format'
          ? 'Write a full address, such as http://gpu-box:8080/v1.'
          : `${FIELD_LABELS[field]}: ${issue.message}.`;
    }
  }
  return { ok: false, errors };
}

/**
 * Settings → Remote engines: OpenAI-compatible servers whose models join the pickers.
 * Keys go in and never come back out (the list only says whether one is set).
 */
export function RemoteEnginesSection() {
  const { api } = useClient();
  const heading = useId();
  const ids = { name: useId(), url: useId(), key: useId(), errors: useId() };
  const [remotes, setRemotes] = useState<Remote[] | null>(null);
  const [listError, setListError] = useState<ErrorShape | null>(null);
  const [form, setForm] = useState<Record<FieldName, string>>({ name: '', url: '', key: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [addError, setAddError] = useState<ErrorShape | null>(null);
  const [adding, setAdding] = useState(false);
  const [tests, setTests] = useState<Record<string, RemoteTestResult | 'testing'>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  // A key bound for plain http on another machine waits here until the creator says yes.
  const [insecure, setInsecure] = useState<RemoteAdd | null>(null);

  const load = useCallback(async () => {
    try {
      setRemotes(await api.remotes.list());
      setListError(null);
    } catch (error) {
      setListError(toErrorShape(error));
      setRemotes((current) => current ?? []);
    }
  }, [api]);

  useEffect(() => {
    void load();
    return api.events.on('remotes.changed', () => void load());
  }, [api, load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (adding) return;
    const checked = checkForm(form);
    setAddError(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    if (keyTravelsInClear(checked.value)) {
      setInsecure(checked.value);
      return;
    }
    await send(checked.value);
  }

  async function send(request: RemoteAdd) {
    setAdding(true);
    try {
      const added = await api.remotes.add(request);
      setInsecure(null);
      setForm({ name: '', url: '', key: '' });
      await load();
      // Adding is usually followed by "does it answer?": answer it at once.
      void test(added.name);
    } catch (error) {
      setAddError(toErrorShape(error));
    } finally {
      setAdding(false);
    }
  }

  async function test(name: string) {
    setTests((current) => ({ ...current, [name]: 'testing' }));
    try {
      const result = await api.remotes.test({ name });
      setTests((current) => ({ ...current, [name]: result }));
    } catch (error) {
      setTests((current) => ({ ...current, [name]: { name, ok: false, latencyMs: 0, models: [], error: toErrorShape(error) } }));
    }
  }

  async function remove(name: string) {
    setRemoving(name);
    try {
      await api.remotes.remove({ name });
      setConfirming(null);
      setTests(({ [name]: _dropped, ...rest }) => rest);
      await load();
    } catch (error) {
      setListError(toErrorShape(error));
    } finally {
      setRemoving(null);
    }
  }

  // Changing the form withdraws a pending confirmation: it was given for the old address.
  const edit = (patch: Partial<Record<FieldName, string>>) => {
    setForm({ ...form, ...patch });
    setInsecure(null);
  };

  const fieldError = (field: FieldName) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': ids.errors } : {});

  return (
    <section className="settings-group remotes" aria-labelledby={heading}>
      <h3 id={heading} className="settings-label">
        Remote engines
      </h3>
      <p className="settings-hint">
        Use the models of an OpenAI-compatible server (llama.cpp server, vLLM, LocalAI or another Atelier) next to your own. What you send to one leaves this
        computer; keys stay in Atelier’s data folder, never in a project.
      </p>

      {remotes === null ? (
        <p className="settings-hint" role="status">
          Loading remote engines…
        </p>
      ) : remotes.length === 0 ? (
        <p className="remotes-empty">No remote engines yet.</p>
      ) : (
        <ul className="remotes-list" aria-label="Remote engines">
          {remotes.map((remote) => {
            const result = tests[remote.name];
            return (
              <li key={remote.name} className="remotes-row" aria-label={remote.name}>
                <div className="remotes-row-main">
                  <Server aria-hidden="true" size={16} className="remotes-icon" />
                  <div className="remotes-text">
                    <span className="remotes-name">{remote.name}</span>
                    <span className="remotes-url path" title={remote.url}>
                      {remote.url}
                    </span>
                  </div>
                  <span className={remote.hasKey ? 'badge badge-success' : 'badge badge-muted'}>{remote.hasKey ? 'Key set' : 'No key'}</span>
                  {confirming === remote.name ? null : (
                    <div className="remotes-actions">
                      <button
                        type="button"
                        className="button button-small"
                        disabled={result === 'testing'}
                        onClick={() => void test(remote.name)}
                        aria-label={`Test ${remote.name}`}
                      >
                        {result === 'testing' ? <LoaderCircle aria-hidden="true" size={13} className="spin" /> : <Wifi aria-hidden="true" size={13} />}
                        Test
                      </button>
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        onClick={() => setConfirming(remote.name)}
                        aria-label={`Remove ${remote.name}`}
                      >
                        <Trash2 aria-hidden="true" size={13} />
                        Remove
                      </button>
                    </div>
                  )}
                </div>
                {confirming === remote.name ? (
                  <div className="remotes-confirm" role="group" aria-label={`Remove ${remote.name}?`}>
                    <p>
                      Remove “{remote.name}”{remote.hasKey ? ' and its key' : ''}? Its models leave the pickers; the server itself is not touched.
                    </p>
                    <div className="remotes-actions">
                      <button type="button" className="button button-small button-ghost" autoFocus onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger"
                        aria-disabled={removing === remote.name || undefined}
                        onClick={() => void remove(remote.name)}
                      >
                        {removing === remote.name ? 'Removing…' : 'Remove'}
                      </button>
                    </div>
                  </div>
                ) : null}
                {result && result !== 'testing' ? <TestOutcome result={result} /> : null}
                {result === 'testing' ? (
                  <p className="remotes-result" role="status">
                    Asking {remote.name} for its models…
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {listError ? (
        <p className="field-error" role="alert">
          {listError.message} {hintFor(listError.code, listError.message)}
        </p>
      ) : null}

      <form className="remotes-form" aria-label="Add a remote engine" noValidate onSubmit={(event) => void add(event)}>
        <div className="remotes-fields">
          <label className="field" htmlFor={ids.name}>
            <span className="field-label">Name</span>
            <input
              id={ids.name}
              className="text-input"
              placeholder="gpu-box"
              maxLength={32}
              autoComplete="off"
              spellCheck={false}
              value={form.name}
              onChange={(event) => edit({ name: event.target.value })}
              {...fieldError('name')}
            />
          </label>
          <label className="field" htmlFor={ids.url}>
            <span className="field-label">Address</span>
            <input
              id={ids.url}
              className="text-input"
              placeholder="http://gpu-box:8080/v1"
              maxLength={2048}
              autoComplete="off"
              spellCheck={false}
              value={form.url}
              onChange={(event) => edit({ url: event.target.value })}
              {...fieldError('url')}
            />
          </label>
          <label className="field" htmlFor={ids.key}>
            <span className="field-label">Key (optional)</span>
            <input
              id={ids.key}
              className="text-input"
              type="password"
              placeholder="If it needs one"
              autoComplete="off"
              value={form.key}
              onChange={(event) => edit({ key: event.target.value })}
              {...fieldError('key')}
            />
          </label>
          <button type="submit" className="button button-primary remotes-add" disabled={adding}>
            {adding ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Plus aria-hidden="true" size={15} />}
            Add
          </button>
        </div>
        {Object.keys(errors).length > 0 ? (
          <ul id={ids.errors} className="remotes-errors" role="alert">
            {(['name', 'url', 'key'] as const).map((field) => (errors[field] ? <li key={field}>{errors[field]}</li> : null))}
          </ul>
        ) : null}
        {insecure ? (
          <div className="remotes-confirm" role="group" aria-label="Send the key without encryption?">
            <p>
              {insecure.url} is plain http on another machine: the key would cross the network unencrypted, and anyone on the way could read and reuse it.
              Prefer an https address. Send it anyway?
            </p>
            <div className="remotes-actions">
              <button type="button" className="button button-small button-ghost" autoFocus onClick={() => setInsecure(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="button button-small button-danger"
                aria-disabled={adding || undefined}
                onClick={() => void (adding ? undefined : send({ ...insecure, allowInsecureKey: true }))}
              >
                Send the key over http
              </button>
            </div>
          </div>
        ) : null}
        {addError ? (
          <p className="field-error" role="alert">
            {addError.message} {hintFor(addError.code, addError.message)}
          </p>
        ) : null}
      </form>
    </section>
  );
}

function TestOutcome({ result }: { result: RemoteTestResult }) {
  if (!result.ok) {
    return (
      <p className="remotes-result remotes-result-failed" role="alert">
        <CircleX aria-hidden="true" size={14} />
        <span>
          {result.error?.message ?? `${result.name} did not answer.`} {hintFor(result.error?.code)}
        </span>
      </p>
    );
  }
  const count = result.models.length;
  return (
    <div className="remotes-result" role="status">
      <p className="remotes-result-line">
        <CircleCheck aria-hidden="true" size={14} className="remotes-ok" />
        <span>
          Answered in {result.latencyMs} ms with {count === 0 ? 'no models' : count === 1 ? '1 model' : `${count} models`}.
        </span>
      </p>
      {count > 0 ? (
        <ul className="remotes-models" aria-label={`Models of ${result.name}`}>
          {result.models.map((model) => (
            <li key={model.id}>
              <span className="remotes-model-id">{model.remoteId}</span>
              <span className="remotes-model-kind">{model.modality}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { FilePlus2, FolderOpen, LoaderCircle, Save } from 'lucide-react';
import { useId } from 'react';
import type { Asset } from '../../../../preload/contract.js';
import { MOD } from '../../state/shortcuts.js';
import type { WriteDocument } from './use-write-document.js';

interface WriteDocumentBarProps {
  name: string;
  onRename(name: string): void;
  hasProject: boolean;
  texts: Asset[];
  doc: WriteDocument;
}

/** The document's name, the picker that opens another text asset, New, and Save. */
export function WriteDocumentBar({ name, onRename, hasProject, texts, doc }: WriteDocumentBarProps) {
  const ids = { name: useId(), open: useId() };
  const { openId, setOpenId, saving } = doc;
  return (
    <div className="write-document-top">
      <label className="visually-hidden" htmlFor={ids.name}>
        Document name
      </label>
      <input id={ids.name} className="text-input write-name" maxLength={200} value={name} onChange={(event) => onRename(event.target.value)} />
      <div className="write-open">
        <label className="visually-hidden" htmlFor={ids.open}>
          Open a text asset
        </label>
        <select
          id={ids.open}
          className="select-input"
          value={openId}
          disabled={!hasProject || texts.length === 0}
          onChange={(event) => setOpenId(event.target.value)}
        >
          <option value="">{texts.length === 0 ? 'No text assets yet' : 'Open a text asset…'}</option>
          {texts.map((asset) => (
            <option key={asset.id} value={asset.id}>
              {asset.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button"
          aria-label="Open"
          title="Open the chosen text asset"
          disabled={!openId}
          onClick={() => void doc.open(openId)}
        >
          <FolderOpen aria-hidden="true" size={16} />
        </button>
        <button type="button" className="icon-button" aria-label="New document" title="New document" onClick={doc.newDocument}>
          <FilePlus2 aria-hidden="true" size={16} />
        </button>
      </div>
      <button
        type="button"
        className="button button-primary"
        disabled={saving}
        aria-keyshortcuts="Control+S Meta+S"
        title={`Save into the project (${MOD}+S)`}
        onClick={() => void doc.save()}
      >
        {saving ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Save aria-hidden="true" size={15} />}
        Save
      </button>
    </div>
  );
}

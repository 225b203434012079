import { UserPlus } from 'lucide-react';
import type { Character, ProjectCast } from '../../../../../preload/contract.js';
import '../../../styles/cast.css';
import { useVoiceList } from '../../voice/use-voice-list.js';
import { CharacterRow } from './character-row.js';
import { PronunciationList } from './pronunciation-list.js';
import { useCast } from './use-cast.js';

/** A name not in the cast yet: "Character 2", "Character 3"… */
function freshName(cast: ProjectCast): string {
  const taken = new Set(cast.characters.map((c) => c.name.toLocaleLowerCase('en')));
  for (let n = cast.characters.length + 1; ; n++) if (!taken.has(`character ${n}`)) return `Character ${n}`;
}

function freshId(cast: ProjectCast): string {
  const taken = new Set(cast.characters.map((c) => c.id));
  for (let n = cast.characters.length + 1; ; n++) if (!taken.has(`character-${n}`)) return `character-${n}`;
}

/**
 * The project's cast (who speaks a script's `NAME:` lines, and with which voice) and its
 * pronunciation dictionary. Choices save at once; typed fields when they lose the focus.
 */
export function CastSection({ projectId }: { projectId: string }) {
  const { draft, error, saving, change } = useCast(projectId);
  const { list } = useVoiceList();
  if (!draft) return null;
  const setCharacter = (index: number, patch: Partial<Character>, save: boolean) =>
    change({ ...draft, characters: draft.characters.map((c, i) => (i === index ? { ...c, ...patch } : c)) }, save);
  const add = () => {
    const narrator = draft.characters[0];
    const character: Character = {
      id: freshId(draft),
      name: freshName(draft),
      engine: narrator?.engine ?? 'espeak',
      voice: narrator?.voice ?? 'en',
      rate: 1,
      pitch: 50,
    };
    change({ ...draft, characters: [...draft.characters, character] }, true);
  };
  return (
    <section className="panel-section cast-section" aria-labelledby={`cast-title-${projectId}`}>
      <h3 className="section-title" id={`cast-title-${projectId}`}>
        Cast
      </h3>
      <p className="muted">
        Write a scene as a script, one line each: <code>NARRATOR: …</code>, <code>FOX: …</code>. Plain text is read by the first character.
      </p>
      <ul className="cast-list" aria-label="Characters">
        {draft.characters.map((character, index) => (
          <CharacterRow
            key={character.id}
            character={character}
            index={index}
            list={list}
            canRemove={draft.characters.length > 1}
            onChange={(patch, save) => setCharacter(index, patch, save)}
            onRemove={() => change({ ...draft, characters: draft.characters.filter((_, i) => i !== index) }, true)}
          />
        ))}
      </ul>
      <button type="button" className="button button-small" onClick={add} disabled={draft.characters.length >= 32}>
        <UserPlus aria-hidden="true" size={14} />
        Add a character
      </button>
      <PronunciationList entries={draft.pronunciations} onChange={(pronunciations, save) => change({ ...draft, pronunciations }, save)} />
      <p className="cast-status" role="status">
        {saving ? 'Saving…' : null}
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </section>
  );
}

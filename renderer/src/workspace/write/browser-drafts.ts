import { createDraftStore } from './write-draft.js';

/** The Write drafts of this window, kept in its localStorage. */
export const drafts = createDraftStore(() => window.localStorage);

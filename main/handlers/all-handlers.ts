import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { appHandlers } from './app-handlers.js';
import { assetHandlers } from './asset-handlers.js';
import { exportHandlers } from './export-handlers.js';
import { imageHandlers } from './image-handlers.js';
import { jobHandlers } from './job-handlers.js';
import { modelHandlers } from './model-handlers.js';
import { projectHandlers } from './project-handlers.js';
import { remoteHandlers } from './remote-handlers.js';
import { soundHandlers } from './sound-handlers.js';
import { transcribeHandlers } from './transcribe-handlers.js';
import { textDocumentHandlers } from './text-document-handlers.js';
import { textGenerateHandler } from './text-generate-handler.js';
import { storyboardPromptHandlers } from './storyboard-prompt-handlers.js';
import { storyboardEditHandlers } from './storyboard-edit-handlers.js';
import { voiceHandlers } from './voice-handlers.js';
import { castHandlers } from './cast-handlers.js';
import { directorHandlers } from './director-handlers.js';

/** The one set of handlers every host binds; `satisfies` makes a missing call a type error. */
export function allHandlers(studio: Studio): Handlers {
  return {
    ...appHandlers(studio),
    ...projectHandlers(studio),
    ...assetHandlers(studio),
    ...jobHandlers(studio),
    ...soundHandlers(studio),
    ...transcribeHandlers(studio),
    ...imageHandlers(studio),
    ...voiceHandlers(studio),
    ...castHandlers(studio),
    ...modelHandlers(studio),
    ...textGenerateHandler(studio),
    ...textDocumentHandlers(studio),
    ...storyboardPromptHandlers(studio),
    ...storyboardEditHandlers(studio),
    ...exportHandlers(studio),
    ...remoteHandlers(studio),
    ...directorHandlers(studio),
  } satisfies Handlers;
}

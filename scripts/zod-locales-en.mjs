// What the bundles give zod for its `locales` namespace: English only (see zodEnglishOnly in build.mjs).
export { default as en } from 'zod/v4/locales/en.js';

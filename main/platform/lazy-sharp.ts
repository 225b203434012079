import { createRequire } from 'node:module';
import path from 'node:path';
import type SharpModule from 'sharp';
import { codeDirOf } from './worker-entry.js';

type Sharp = typeof SharpModule;
let loaded: Sharp | undefined;

/** sharp itself, required on first use: its native library is start-up time a run that makes no picture should not pay. */
function load(): Sharp {
  return (loaded ??= createRequire(path.join(codeDirOf(import.meta), 'noop.js'))('sharp') as Sharp);
}

/** Called and read exactly like sharp's default export; sharp loads on the first call or property read. */
const sharp = new Proxy(function deferredSharp() {} as unknown as Sharp, {
  apply: (_target, _this, args: unknown[]) => Reflect.apply(load(), undefined, args) as unknown,
  construct: (_target, args: unknown[]) => Reflect.construct(load(), args) as object,
  get: (_target, property) => Reflect.get(load(), property) as unknown,
});

export default sharp;

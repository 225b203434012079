import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { codeDirOf } from '../../platform/code-dir.js';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
type CompilersFactory = NonNullable<SchemaController['compilersFactory']>;
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;

// Fastify builds its JSON-schema compilers (ajv and fast-json-stringify) when the server is
// made, whether or not a route declares a schema: about a fifth of `atelier serve`'s start-up.
// Atelier's routes declare none (every body is parsed against the contract), so the same
// compilers are made on first use instead; a plugin route that declares a schema is compiled
// exactly as fastify would have. They are fastify's own dependencies, so they are required
// from where fastify lives (found from this code's folder: import.meta is empty in the CommonJS
// bundles, the Electron one and the one `atelier serve` runs).
let fromFastify: NodeJS.Require | undefined;
const fastifyRequire = (id: string): unknown =>
  (fromFastify ??= createRequire(createRequire(path.join(codeDirOf(import.meta), 'noop.js')).resolve('fastify')))(id);

// One selector each, made once, as fastify keeps one per server (it caches compilers by schema set).
let validators: BuildValidator | undefined;
let serializers: BuildSerializer | undefined;
const buildValidator: BuildValidator = (externalSchemas, ajvOptions) =>
  (validators ??= (fastifyRequire('@fastify/ajv-compiler') as () => BuildValidator)())(externalSchemas, ajvOptions);
const buildSerializer: BuildSerializer = (externalSchemas, serializerOptions) =>
  (serializers ??= (fastifyRequire('@fastify/fast-json-stringify-compiler') as () => BuildSerializer)())(externalSchemas, serializerOptions);

export const lazySchemaCompilers: SchemaController = { compilersFactory: { buildValidator, buildSerializer } };

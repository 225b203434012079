import { z } from 'zod';
import { defineHostProtocol } from '../../platform/engine-host/host-protocol.js';
import { GeneratedTextSchema, SeededTextGenerationRequestSchema } from './text-generation.js';
import { ToolCallFragmentSchema } from './text-tools.js';

const GpuSettingSchema = z.enum(['auto', 'off']);

/** What main asks the text engine host to load (llama-host.ts `load`). */
const HostLoadParamsSchema = z.object({
  path: z.string().min(1),
  /** For messages: "Qwen2.5 0.5B Instruct". */
  name: z.string(),
  contextSize: z.int().positive(),
  threads: z.int().positive(),
  gpu: GpuSettingSchema,
  /** Memory the model may use; free memory when absent. */
  memoryLimitBytes: z.number().nonnegative().optional(),
});
export type HostLoadParams = z.output<typeof HostLoadParamsSchema>;

const HostLoadedModelSchema = z.object({
  architecture: z.string(),
  contextSize: z.int(),
  trainContextSize: z.int(),
  /** 'cuda', 'vulkan', 'metal', or null on the CPU. */
  gpu: z.string().nullable(),
  gpuLayers: z.int(),
  threads: z.int(),
  sizeBytes: z.number(),
});
export type HostLoadedModel = z.output<typeof HostLoadedModelSchema>;

const HostGenerateParamsSchema = z.object({ request: SeededTextGenerationRequestSchema });
export type HostGenerateParams = z.input<typeof HostGenerateParamsSchema>;

const HostHardwareSchema = z.object({
  /** The GPU backend in use ('cuda', 'vulkan', 'metal'), or null on the CPU. */
  gpu: z.string().nullable(),
  /** The real GPUs of that backend; software renderers are never listed here. */
  deviceNames: z.array(z.string()),
  vramBytes: z.number().nullable(),
  cpuMathCores: z.int(),
  /** The GPU backend llama.cpp could load, even when it is not used (no real GPU behind it). */
  gpuBackendFound: z.string().nullable(),
  /** Software renderers seen on the way (lavapipe, SwiftShader): why a found backend was not used. */
  softwareDevices: z.array(z.string()),
});
export type HostHardware = z.output<typeof HostHardwareSchema>;

/** The text engine host's methods (llama-host.ts serves them, llama-client.ts calls them). */
export const LLAMA_PROTOCOL = defineHostProtocol({
  hardware: { params: z.object({ gpu: GpuSettingSchema }), result: HostHardwareSchema },
  load: { params: HostLoadParamsSchema, result: HostLoadedModelSchema },
  /** Streams each piece of text as it is decoded, and each piece of a function call's arguments. */
  generate: {
    params: HostGenerateParamsSchema,
    result: GeneratedTextSchema,
    event: z.union([z.object({ chunk: z.string() }), z.object({ call: ToolCallFragmentSchema })]),
  },
  unload: { params: z.object({}), result: z.null() },
});

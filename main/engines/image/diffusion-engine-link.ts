/**
 * The one place the image handlers reach the diffusion engine
 * (main/engines/image/diffusion/diffusion-engine.ts).
 */
export { diffusionEngine, diffusionDescriptor, stopDiffusionHost, upscaleInHost, useDiffusionLog } from './diffusion/diffusion-engine.js';

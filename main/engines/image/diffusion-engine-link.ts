/**
 * The one place the image handlers reach the diffusion engine
 * (main/engines/image/diffusion/diffusion-engine.ts).
 */
export { diffusionEngine, diffusionDescriptor, stopDiffusionHost, useDiffusionLog } from './diffusion/diffusion-engine.js';

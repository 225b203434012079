import type { DiffusionScheduler } from '../../../../../preload/schemas/image.js';
import { ddimScheduler } from './ddim.js';
import { eulerAncestralScheduler } from './euler-ancestral.js';
import { eulerScheduler } from './euler.js';
import { lcmScheduler } from './lcm.js';
import type { SchedulerFactory } from './scheduler.js';

/** The Image tab's scheduler names → their samplers. */
export const SCHEDULERS: Readonly<Record<DiffusionScheduler, SchedulerFactory>> = {
  'euler-a': eulerAncestralScheduler,
  euler: eulerScheduler,
  ddim: ddimScheduler,
  lcm: lcmScheduler,
};

import { ArrowBigUp, Bomb, CircleDot, CloudRain, Coins, HandFist, MousePointerClick, Sparkles, Waves, Wind, Zap, type LucideIcon } from 'lucide-react';
import { SOUND_PRESET_LABELS, type AmbiencePreset, type SfxPreset } from '../../../../../preload/contract.js';

interface PresetLook {
  label: string;
  /** Says what it sounds like, in a few words. */
  caption: string;
  icon: LucideIcon;
}

export const SFX_LOOKS: Readonly<Record<SfxPreset, PresetLook>> = {
  coin: { label: SOUND_PRESET_LABELS.coin, caption: 'Pickup chime', icon: Coins },
  jump: { label: SOUND_PRESET_LABELS.jump, caption: 'Rising hop', icon: ArrowBigUp },
  laser: { label: SOUND_PRESET_LABELS.laser, caption: 'Falling zap', icon: Zap },
  explosion: { label: SOUND_PRESET_LABELS.explosion, caption: 'Rumbling boom', icon: Bomb },
  powerup: { label: SOUND_PRESET_LABELS.powerup, caption: 'Climbing warble', icon: Sparkles },
  hit: { label: SOUND_PRESET_LABELS.hit, caption: 'Short knock', icon: HandFist },
  blip: { label: SOUND_PRESET_LABELS.blip, caption: 'Menu beep', icon: CircleDot },
  click: { label: SOUND_PRESET_LABELS.click, caption: 'Interface tick', icon: MousePointerClick },
};

export const AMBIENCE_LOOKS: Readonly<Record<AmbiencePreset, PresetLook>> = {
  rain: { label: SOUND_PRESET_LABELS.rain, caption: 'Hiss and droplets', icon: CloudRain },
  wind: { label: SOUND_PRESET_LABELS.wind, caption: 'Gusts and a whistle', icon: Wind },
  drone: { label: SOUND_PRESET_LABELS.drone, caption: 'A low, slow chord', icon: Waves },
};

import { AudioLines, File, FileText, Film, Image } from 'lucide-react';
import type { AssetKind } from '../../../preload/contract.js';

const ICONS = { image: Image, audio: AudioLines, text: FileText, video: Film, other: File } as const;

export function AssetIcon({ kind, size = 16 }: { kind: AssetKind; size?: number }) {
  const Icon = ICONS[kind];
  return <Icon aria-hidden="true" size={size} strokeWidth={1.75} />;
}

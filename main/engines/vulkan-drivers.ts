import fs from 'node:fs';
import path from 'node:path';

/**
 * Software Vulkan drivers installed here, named from their ICD manifests. llama.cpp's
 * Vulkan backend leaves CPU-type devices out of its device list, so without this the
 * Models tab could only say "no device" where the truth is "lavapipe, a software renderer".
 */
const KNOWN: readonly [RegExp, string][] = [
  [/(^|[_.-])lvp([_.-]|$)|lavapipe|llvmpipe/i, 'lavapipe (llvmpipe, mesa)'],
  [/swiftshader|vk_swiftshader/i, 'SwiftShader'],
];

function icdFolders(env: NodeJS.ProcessEnv): string[] {
  const dataDirs = (env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':').filter(Boolean);
  return [...new Set(['/etc/vulkan/icd.d', ...dataDirs.map((dir) => path.join(dir, 'vulkan', 'icd.d'))])];
}

function named(file: string, found: Set<string>): void {
  const match = KNOWN.find(([pattern]) => pattern.test(path.basename(file)));
  if (match) found.add(match[1]);
}

export function softwareVulkanDrivers(env: NodeJS.ProcessEnv = process.env): string[] {
  if (process.platform !== 'linux') return [];
  const found = new Set<string>();
  // The Vulkan loader reads only these manifests when either is set; so do we.
  const chosen = env.VK_DRIVER_FILES ?? env.VK_ICD_FILENAMES;
  if (chosen !== undefined) {
    for (const file of chosen.split(':').filter(Boolean)) if (fs.existsSync(file)) named(file, found);
    return [...found];
  }
  for (const folder of icdFolders(env)) {
    let entries: string[];
    try {
      entries = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const entry of entries) named(entry, found);
  }
  return [...found];
}

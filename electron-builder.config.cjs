// Desktop packages: `npm run dist` after `npm run build`.
// A script rather than YAML so each platform's file list is the common one plus its own
// exclusions (electron-builder replaces a platform's `files`, it does not merge them).

/** node-llama-cpp and onnxruntime-node install every platform's native builds; each package keeps its own. */
const NATIVE_FOLDERS = {
  linux: { llama: 'linux-', ort: 'linux' },
  mac: { llama: 'mac-', ort: 'darwin' },
  win: { llama: 'win-', ort: 'win32' },
};

const common = [
  'package.json',
  'dist/electron/**',
  'dist/renderer/**',
  // Engine host and worker entries (espeak-ng, llama.cpp).
  'dist/workers/**',
  // The model catalog is data the app reads at run time (models/fixtures stays out).
  'models/catalog.json',
  '!**/*.map',
  '!dist/cli/**',
  // CUDA builds of llama.cpp are ~540 MB; CPU, Vulkan and Metal builds ship.
  '!node_modules/@node-llama-cpp/*-cuda*/**',
  '!node_modules/node-llama-cpp/llama/localBuilds/**',
];

function filesFor(platform) {
  const others = Object.entries(NATIVE_FOLDERS).filter(([name]) => name !== platform);
  return [
    ...common,
    ...others.map(([, folders]) => `!node_modules/@node-llama-cpp/${folders.llama}*/**`),
    ...others.map(([, folders]) => `!node_modules/onnxruntime-node/bin/napi-v6/${folders.ort}/**`),
  ];
}

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.atelier.studio',
  productName: 'Atelier',
  copyright: 'Copyright © 2026 the Atelier authors. GPL-3.0-or-later.',
  directories: { output: 'release', buildResources: 'build' },
  files: common,
  asar: true,
  // Native modules, the binaries they spawn and the engine entries must stay real files on disk.
  asarUnpack: [
    'node_modules/sharp/**',
    'node_modules/@img/**',
    'node_modules/@ffmpeg-installer/**',
    'dist/workers/**',
    'node_modules/espeak-ng/**',
    'node_modules/@node-llama-cpp/**',
    'node_modules/node-llama-cpp/**',
    'node_modules/onnxruntime-node/bin/**',
  ],
  extraMetadata: { main: 'dist/electron/main.cjs' },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Graphics',
    maintainer: 'Atelier authors <atelier@example.org>',
    synopsis: 'Offline studio for writing, images and voice',
    files: filesFor('linux'),
  },
  mac: { target: 'dmg', category: 'public.app-category.graphics-design', files: filesFor('mac') },
  win: { target: 'nsis', files: filesFor('win') },
};

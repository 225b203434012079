// `npm run install-cuda`: fetches ONNX Runtime's CUDA 12 provider files, which a plain
// install skips (.npmrc). npm passes that skip on to every script as
// npm_config_onnxruntime_node_install, so this runs the package's installer with the
// variable replaced rather than inherited. ('1' forces the platform's extra files, CUDA 12
// on linux-x64; onnxruntime-node 1.30 reads the value 'cuda12' as unset.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const installer = require.resolve('onnxruntime-node/script/install.js');
const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: '1' };
delete env.npm_config_onnxruntime_node_install;
console.log('Fetching ONNX Runtime’s CUDA 12 files (about 400 MB; needs CUDA 12 and cuDNN 9 on this system)…');
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit', env });
if (result.status !== 0) {
  console.error('Could not fetch them (see above). The studio keeps using the CPU; nothing else changed.');
  process.exit(result.status ?? 1);
}
console.log('Done. Choose GPU in Settings → Diffusion device.');

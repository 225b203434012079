import * as ort from 'onnxruntime-node';

/**
 * An ONNX Runtime session, made with ORT's telemetry off in whatever process makes it.
 * onnxruntime-node (1.30) starts Microsoft's 1DS telemetry when it makes its environment, at
 * the first session: a device id under ~/.cache/Microsoft, an empty `mat-debug-PID.log` in the
 * temp folder and, seconds later, a DNS lookup of its collector. `ORT_DISABLE_TELEMETRY` is its
 * own switch, read at that moment. The engine hosts start with it (engine-process.ts); set here
 * too, a test or any other process that runs an engine in itself is offline as well.
 */
export function createOnnxSession(file: string, options: ort.InferenceSession.SessionOptions): Promise<ort.InferenceSession> {
  process.env.ORT_DISABLE_TELEMETRY = '1';
  return ort.InferenceSession.create(file, options);
}

import { AtelierError } from '../../../preload/errors.js';
import { TruncatedError, withFileBytes, type FileBytes } from './file-bytes.js';

/**
 * Checks that a file is an ONNX ModelProto by walking its protobuf wire format
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto): every top-level field must be
 * well formed and fit in the file, `ir_version` and a non-empty `graph` must be there.
 * Big fields (the graph, initializers) are skipped by their length, never read whole.
 */
export interface OnnxInfo {
  irVersion: number;
  producerName?: string;
  /** Version of the default ("ai.onnx") operator set. */
  opsetVersion?: number;
  graphName?: string;
  inputs: string[];
  outputs: string[];
  /** Each input's and output's number of dimensions, -1 where the graph does not say. */
  inputRanks: number[];
  outputRanks: number[];
  /** The model's `metadata_props`, where exporters such as sherpa-onnx's keep a model's settings. */
  metadata: Record<string, string>;
}

const enum Wire {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  Fixed32 = 5,
}

// ModelProto field numbers.
const IR_VERSION = 1;
const PRODUCER_NAME = 2;
const GRAPH = 7;
const OPSET_IMPORT = 8;
const METADATA_PROPS = 14;
const KNOWN_MODEL_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25]);
// GraphProto and ValueInfoProto field numbers.
const GRAPH_NAME = 2;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const VALUE_INFO_NAME = 1;
const MAX_GRAPH_FIELDS = 5_000_000;

function invalid(reason: string): AtelierError {
  return new AtelierError('MODEL_INVALID', reason);
}

interface Field {
  number: number;
  wire: Wire;
  /** For varints, the value; for bytes, the payload's start. */
  value: number;
  /** Payload length for bytes fields. */
  length: number;
  /** Position after the field. */
  next: number;
}

async function readVarint(bytes: FileBytes, pos: number): Promise<{ value: number; next: number }> {
  const head = await bytes.read(pos, Math.min(10, bytes.size - pos));
  let value = 0n;
  for (let i = 0; i < head.length; i++) {
    const byte = head[i] as number;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) {
      return { value: value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value), next: pos + i + 1 };
    }
  }
  if (head.length < 10) throw new TruncatedError(bytes.size);
  throw invalid('a protobuf varint runs longer than 10 bytes');
}

async function readField(bytes: FileBytes, pos: number, end: number): Promise<Field> {
  const tag = await readVarint(bytes, pos);
  const number = Math.floor(tag.value / 8);
  const wire = tag.value % 8;
  if (number === 0) throw invalid('a protobuf field has number 0');
  switch (wire) {
    case Wire.Varint: {
      const v = await readVarint(bytes, tag.next);
      if (v.next > end) throw new TruncatedError(end);
      return { number, wire, value: v.value, length: 0, next: v.next };
    }
    case Wire.Fixed64:
    case Wire.Fixed32: {
      const size = wire === Wire.Fixed64 ? 8 : 4;
      if (tag.next + size > end) throw new TruncatedError(end);
      return { number, wire, value: 0, length: size, next: tag.next + size };
    }
    case Wire.Bytes: {
      const length = await readVarint(bytes, tag.next);
      const next = length.next + length.value;
      if (next > end) throw new TruncatedError(end);
      return { number, wire, value: length.next, length: length.value, next };
    }
    default:
      throw invalid(`a protobuf field uses wire type ${wire}, which ONNX never writes`);
  }
}

async function readString(bytes: FileBytes, field: Field, max = 4096): Promise<string> {
  return (await bytes.read(field.value, Math.min(field.length, max))).toString('utf8');
}

/** The first field with `number` inside a length-delimited message, as a string. */
async function stringFieldOf(bytes: FileBytes, start: number, end: number, number: number, max?: number): Promise<string | undefined> {
  for (let pos = start; pos < end;) {
    const field = await readField(bytes, pos, end);
    if (field.number === number && field.wire === Wire.Bytes) return readString(bytes, field, max);
    pos = field.next;
  }
  return undefined;
}

/** The first length-delimited field with `number` inside a message, as its payload's bounds. */
async function messageFieldOf(bytes: FileBytes, start: number, end: number, number: number): Promise<{ start: number; end: number } | undefined> {
  for (let pos = start; pos < end;) {
    const field = await readField(bytes, pos, end);
    if (field.number === number && field.wire === Wire.Bytes) return { start: field.value, end: field.next };
    pos = field.next;
  }
  return undefined;
}

// ValueInfoProto.type (2) → TypeProto.tensor_type (1) → TypeProto.Tensor.shape (2) → TensorShapeProto.dim (1, repeated).
const VALUE_INFO_TYPE = 2;
const TYPE_TENSOR = 1;
const TENSOR_SHAPE = 2;
const SHAPE_DIM = 1;

/** How many dimensions a ValueInfoProto's tensor has, -1 when it gives no shape. */
async function rankOf(bytes: FileBytes, start: number, end: number): Promise<number> {
  const type = await messageFieldOf(bytes, start, end, VALUE_INFO_TYPE);
  const tensor = type && (await messageFieldOf(bytes, type.start, type.end, TYPE_TENSOR));
  const shape = tensor && (await messageFieldOf(bytes, tensor.start, tensor.end, TENSOR_SHAPE));
  if (!shape) return -1;
  let rank = 0;
  for (let pos = shape.start; pos < shape.end;) {
    const field = await readField(bytes, pos, shape.end);
    if (field.number === SHAPE_DIM) rank += 1;
    pos = field.next;
  }
  return rank;
}

async function readGraph(
  bytes: FileBytes,
  start: number,
  end: number,
): Promise<Pick<OnnxInfo, 'graphName' | 'inputs' | 'outputs' | 'inputRanks' | 'outputRanks'>> {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const inputRanks: number[] = [];
  const outputRanks: number[] = [];
  let graphName: string | undefined;
  let count = 0;
  for (let pos = start; pos < end;) {
    if (++count > MAX_GRAPH_FIELDS) break;
    const field = await readField(bytes, pos, end);
    if (field.wire === Wire.Bytes) {
      if (field.number === GRAPH_NAME) graphName = await readString(bytes, field);
      else if (field.number === GRAPH_INPUT || field.number === GRAPH_OUTPUT) {
        const name = await stringFieldOf(bytes, field.value, field.next, VALUE_INFO_NAME);
        if (name !== undefined) {
          (field.number === GRAPH_INPUT ? inputs : outputs).push(name);
          (field.number === GRAPH_INPUT ? inputRanks : outputRanks).push(await rankOf(bytes, field.value, field.next));
        }
      }
    }
    pos = field.next;
  }
  return { ...(graphName !== undefined && { graphName }), inputs, outputs, inputRanks, outputRanks };
}

async function parse(bytes: FileBytes): Promise<OnnxInfo> {
  if (bytes.size < 8) throw invalid(`it is only ${bytes.size} bytes long, too short for an ONNX model`);
  let irVersion: number | undefined;
  let producerName: string | undefined;
  let opsetVersion: number | undefined;
  let graph: Field | undefined;
  // A Map, so a key such as "__proto__" in a hostile file is only a key.
  const metadata = new Map<string, string>();
  for (let pos = 0; pos < bytes.size;) {
    const field = await readField(bytes, pos, bytes.size);
    if (!KNOWN_MODEL_FIELDS.has(field.number)) throw invalid(`it has protobuf field ${field.number}, which an ONNX model does not have`);
    if (field.number === IR_VERSION) {
      if (field.wire !== Wire.Varint) throw invalid('its ir_version is not a number');
      irVersion = field.value;
    } else if (field.number === GRAPH) {
      if (field.wire !== Wire.Bytes) throw invalid('its graph is not a message');
      graph = field;
    } else if (field.number === PRODUCER_NAME && field.wire === Wire.Bytes) {
      producerName = await readString(bytes, field);
    } else if (field.number === METADATA_PROPS && field.wire === Wire.Bytes) {
      // StringStringEntryProto { key = 1; value = 2 }; a value is read up to 64 kB (language lists are long).
      const key = await stringFieldOf(bytes, field.value, field.next, 1);
      const value = await stringFieldOf(bytes, field.value, field.next, 2, 65_536);
      if (key !== undefined && !metadata.has(key)) metadata.set(key, value ?? '');
    } else if (field.number === OPSET_IMPORT && field.wire === Wire.Bytes) {
      // OperatorSetIdProto { domain = 1; version = 2 }: the default domain is "" or "ai.onnx".
      let domain = '';
      let version: number | undefined;
      for (let p = field.value; p < field.next;) {
        const inner = await readField(bytes, p, field.next);
        if (inner.number === 1 && inner.wire === Wire.Bytes) domain = await readString(bytes, inner);
        if (inner.number === 2 && inner.wire === Wire.Varint) version = inner.value;
        p = inner.next;
      }
      if ((domain === '' || domain === 'ai.onnx') && version !== undefined) opsetVersion = version;
    }
    pos = field.next;
  }
  if (irVersion === undefined) throw invalid('it has no ir_version');
  if (irVersion < 1 || irVersion > 64) throw invalid(`its ir_version ${irVersion} is not a known ONNX IR version`);
  if (!graph || graph.length === 0) throw invalid('it has no graph');
  const graphInfo = await readGraph(bytes, graph.value, graph.next);
  return {
    irVersion,
    ...(producerName !== undefined && { producerName }),
    ...(opsetVersion !== undefined && { opsetVersion }),
    ...graphInfo,
    metadata: Object.fromEntries(metadata),
  };
}

export async function readOnnxModel(file: string): Promise<OnnxInfo> {
  try {
    return await withFileBytes(file, parse);
  } catch (error) {
    if (error instanceof TruncatedError) throw invalid(`it is truncated or not protobuf: ${error.message}`);
    throw error;
  }
}

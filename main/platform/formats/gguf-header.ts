import { AtelierError } from '../../../preload/errors.js';
import { TruncatedError, withFileBytes, type FileBytes } from './file-bytes.js';

/**
 * Reads and checks a GGUF file's header (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md):
 * magic, version, key/value metadata and tensor table, and that the tensor data the table
 * promises fits inside the file. Enough to refuse a renamed text file or a truncated
 * download before an engine ever maps it.
 */
interface GgufHeader {
  version: number;
  tensorCount: number;
  kvCount: number;
  architecture: string;
  /** `general.name`, when the file carries one. */
  name?: string;
  alignment: number;
  /** Byte offset where tensor data starts. */
  dataOffset: number;
  /** Scalar metadata (strings, numbers, booleans); arrays such as the vocabulary are skipped. */
  metadata: Record<string, string | number | boolean>;
}

const MAGIC = 0x46554747; // "GGUF" read little-endian
const MAX_KV = 1 << 16;
const MAX_TENSORS = 1 << 20;
const MAX_STRING = 64 * 1024 * 1024;
const MAX_DIMS = 8;

enum ValueType {
  UINT8 = 0,
  INT8 = 1,
  UINT16 = 2,
  INT16 = 3,
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  UINT64 = 10,
  INT64 = 11,
  FLOAT64 = 12,
}

const SCALAR_SIZE: Partial<Record<ValueType, number>> = {
  [ValueType.UINT8]: 1,
  [ValueType.INT8]: 1,
  [ValueType.UINT16]: 2,
  [ValueType.INT16]: 2,
  [ValueType.UINT32]: 4,
  [ValueType.INT32]: 4,
  [ValueType.FLOAT32]: 4,
  [ValueType.BOOL]: 1,
  [ValueType.UINT64]: 8,
  [ValueType.INT64]: 8,
  [ValueType.FLOAT64]: 8,
};

/**
 * Bytes per block and elements per block of the ggml tensor types whose layout is
 * certain; tensors of other types are only checked for where they start.
 */
const TYPE_LAYOUT: Record<number, [bytes: number, elements: number]> = {
  0: [4, 1], // F32
  1: [2, 1], // F16
  2: [18, 32], // Q4_0
  3: [20, 32], // Q4_1
  6: [22, 32], // Q5_0
  7: [24, 32], // Q5_1
  8: [34, 32], // Q8_0
  10: [84, 256], // Q2_K
  11: [110, 256], // Q3_K
  12: [144, 256], // Q4_K
  13: [176, 256], // Q5_K
  14: [210, 256], // Q6_K
  15: [292, 256], // Q8_K
  20: [18, 32], // IQ4_NL
  23: [136, 256], // IQ4_XS
  24: [1, 1], // I8
  25: [2, 1], // I16
  26: [4, 1], // I32
  27: [8, 1], // I64
  28: [8, 1], // F64
  30: [2, 1], // BF16
};

class Cursor {
  constructor(
    private readonly bytes: FileBytes,
    public pos = 0,
  ) {}

  async take(length: number): Promise<Buffer> {
    const buffer = await this.bytes.read(this.pos, length);
    this.pos += length;
    return buffer;
  }
  async u32(): Promise<number> {
    return (await this.take(4)).readUInt32LE(0);
  }
  async u64(what: string): Promise<number> {
    const value = (await this.take(8)).readBigUInt64LE(0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(`${what} is impossibly large`);
    return Number(value);
  }
  async string(what: string): Promise<string> {
    const length = await this.u64(`the length of ${what}`);
    if (length > MAX_STRING) throw invalid(`${what} is impossibly long (${length} bytes)`);
    return (await this.take(length)).toString('utf8');
  }
  get remaining(): number {
    return this.bytes.size - this.pos;
  }
}

function invalid(reason: string): AtelierError {
  return new AtelierError('MODEL_INVALID', reason);
}

async function readScalar(cursor: Cursor, type: ValueType): Promise<string | number | boolean> {
  const size = SCALAR_SIZE[type];
  if (size === undefined) throw invalid(`unknown metadata value type ${type}`);
  const b = await cursor.take(size);
  switch (type) {
    case ValueType.UINT8:
      return b.readUInt8(0);
    case ValueType.INT8:
      return b.readInt8(0);
    case ValueType.UINT16:
      return b.readUInt16LE(0);
    case ValueType.INT16:
      return b.readInt16LE(0);
    case ValueType.UINT32:
      return b.readUInt32LE(0);
    case ValueType.INT32:
      return b.readInt32LE(0);
    case ValueType.FLOAT32:
      return b.readFloatLE(0);
    case ValueType.BOOL:
      return b.readUInt8(0) !== 0;
    case ValueType.UINT64:
      return Number(b.readBigUInt64LE(0));
    case ValueType.INT64:
      return Number(b.readBigInt64LE(0));
    default:
      return b.readDoubleLE(0);
  }
}

/** Reads one value; arrays are walked (so the cursor moves past them) but not kept. */
async function readValue(cursor: Cursor, type: number, key: string, depth = 0): Promise<string | number | boolean | undefined> {
  if (type === ValueType.STRING) return cursor.string(`the value of ${key}`);
  if (type === ValueType.ARRAY) {
    if (depth > 2) throw invalid(`${key} nests arrays too deeply`);
    const itemType = await cursor.u32();
    const count = await cursor.u64(`the length of ${key}`);
    const fixed = SCALAR_SIZE[itemType as ValueType];
    if (fixed !== undefined) {
      if (count * fixed > cursor.remaining) throw new TruncatedError(cursor.pos + count * fixed);
      cursor.pos += count * fixed;
      return undefined;
    }
    if (itemType !== ValueType.STRING && itemType !== ValueType.ARRAY) throw invalid(`${key} holds values of unknown type ${itemType}`);
    // Each element takes at least 8 bytes (a length), which bounds a lying count.
    if (count * 8 > cursor.remaining) throw new TruncatedError(cursor.pos + count * 8);
    for (let i = 0; i < count; i++) await readValue(cursor, itemType, key, depth + 1);
    return undefined;
  }
  if (SCALAR_SIZE[type as ValueType] === undefined) throw invalid(`${key} has unknown value type ${type}`);
  return readScalar(cursor, type as ValueType);
}

async function parse(bytes: FileBytes): Promise<GgufHeader> {
  const cursor = new Cursor(bytes);
  if (bytes.size < 24) throw invalid(`it is only ${bytes.size} bytes long, shorter than a GGUF header`);
  if ((await cursor.u32()) !== MAGIC) throw invalid('it does not start with the GGUF magic bytes');
  const version = await cursor.u32();
  if (version === 1) throw invalid('it is GGUF version 1, which current engines no longer read; download a newer conversion');
  if (version < 2 || version > 3) throw invalid(`it declares GGUF version ${version}, which is unknown`);
  const tensorCount = await cursor.u64('the tensor count');
  const kvCount = await cursor.u64('the metadata count');
  if (tensorCount > MAX_TENSORS) throw invalid(`it claims ${tensorCount} tensors, which is not plausible`);
  // A model is its weights: a header with no tensors loads as nothing (or crashes the engine).
  if (tensorCount === 0) throw invalid('it holds no tensors, so there is no model in it');
  if (kvCount > MAX_KV) throw invalid(`it claims ${kvCount} metadata entries, which is not plausible`);

  const metadata: Record<string, string | number | boolean> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = await cursor.string('a metadata key');
    if (key.length === 0 || key.length > 65_535) throw invalid('a metadata key is empty or too long');
    const type = await cursor.u32();
    const value = await readValue(cursor, type, key);
    if (value !== undefined) metadata[key] = value;
  }

  const architecture = metadata['general.architecture'];
  if (typeof architecture !== 'string' || architecture.length === 0) throw invalid('it has no general.architecture entry');
  const alignmentValue = metadata['general.alignment'];
  const alignment = typeof alignmentValue === 'number' ? alignmentValue : 32;
  if (!Number.isInteger(alignment) || alignment <= 0 || alignment % 8 !== 0 || alignment > 65_536) {
    throw invalid(`its general.alignment (${String(alignmentValue)}) is not a positive multiple of 8`);
  }

  let dataEnd = 0;
  for (let i = 0; i < tensorCount; i++) {
    const name = await cursor.string('a tensor name');
    const dims = await cursor.u32();
    if (dims === 0 || dims > MAX_DIMS) throw invalid(`tensor ${name} has ${dims} dimensions`);
    let elements = 1;
    for (let d = 0; d < dims; d++) elements *= await cursor.u64(`a dimension of ${name}`);
    const type = await cursor.u32();
    const offset = await cursor.u64(`the offset of ${name}`);
    if (offset % alignment !== 0) throw invalid(`tensor ${name} is not aligned to ${alignment} bytes`);
    const layout = TYPE_LAYOUT[type];
    const bytesNeeded = layout ? Math.ceil(elements / layout[1]) * layout[0] : 1;
    dataEnd = Math.max(dataEnd, offset + bytesNeeded);
  }
  const dataOffset = Math.ceil(cursor.pos / alignment) * alignment;
  if (dataOffset + dataEnd > bytes.size) {
    throw invalid(`it is truncated: its tensors need ${dataOffset + dataEnd} bytes but the file has ${bytes.size}`);
  }
  const name = metadata['general.name'];
  return {
    version,
    tensorCount,
    kvCount,
    architecture,
    ...(typeof name === 'string' && name.trim() && { name: name.trim() }),
    alignment,
    dataOffset,
    metadata,
  };
}

export async function readGgufHeader(file: string): Promise<GgufHeader> {
  try {
    return await withFileBytes(file, parse);
  } catch (error) {
    if (error instanceof TruncatedError) throw invalid(`it is truncated: ${error.message}`);
    throw error;
  }
}

/** True when the file starts with the GGUF magic, whatever follows. */
export function hasGgufMagic(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === MAGIC;
}

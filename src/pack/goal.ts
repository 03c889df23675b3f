// The AnalyzeStack request's bytes read straight into the goal (src/readers/wire.ts's
// AnalyzedResource): the stack after the change, which the engine sends once, at the end of the
// preview, while it waits for the answer. Decoding it with the generated message classes and then
// turning each resource's google.protobuf.Struct into JavaScript built every value twice; this
// reads the protobuf wire format once, and only the fields the pack reads (analyzer.proto):
//   AnalyzeStackRequest      1 resources (repeated AnalyzerResource)
//   AnalyzerResource         1 type, 2 properties (Struct), 3 urn, 4 name, 5 options, 6 provider,
//                            7 parent, 9 propertyDependencies (map<string, AnalyzerPropertyDependencies>)
//   AnalyzerResourceOptions  1 protect, 6 aliases
//   AnalyzerProviderResource 3 urn
//   AnalyzerPropertyDependencies 1 urns
//   Struct 1 fields (map<string, Value>); Value 1 null, 2 number, 3 string, 4 bool, 5 struct,
//   6 list; ListValue 1 values
// Every other field is skipped by its wire type. As with the generated classes, a repeated map
// key keeps its last value; a Value with no kind, a malformed length or a group is an error.
import { InputError } from "../errors.js";
import { stateForm, type AnalyzedResource } from "../readers/wire.js";

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;

function malformed(): InputError {
  return new InputError("the engine's AnalyzeStack request is not a well-formed protobuf message");
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(private readonly buf: Buffer) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** A varint that fits in 53 bits (tags, lengths, bools, enums). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw malformed();
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
    throw malformed();
  }

  /** The end of a length-delimited field that starts here. */
  end(): number {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.buf.length) throw malformed();
    return end;
  }

  string(): string {
    const end = this.end();
    const s = this.buf.toString("utf8", this.pos, end);
    this.pos = end;
    return s;
  }

  double(): number {
    if (this.pos + 8 > this.buf.length) throw malformed();
    const n = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return n;
  }

  skip(wireType: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === FIXED64) this.pos += 8;
    else if (wireType === LEN) this.pos = this.end();
    else if (wireType === FIXED32) this.pos += 4;
    else throw malformed();
    if (this.pos > this.buf.length) throw malformed();
  }
}

/** Sets an own property, even one named __proto__ (as JSON.parse does). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function struct(r: Reader, end: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (r.pos < end) {
    const tag = r.varint();
    if (tag !== ((1 << 3) | LEN)) {
      r.skip(tag & 7);
      continue;
    }
    const entryEnd = r.end();
    let key = "";
    let value: unknown = undefined;
    while (r.pos < entryEnd) {
      const t = r.varint();
      if (t === ((1 << 3) | LEN)) key = r.string();
      else if (t === ((2 << 3) | LEN)) value = valueOf(r, r.end());
      else r.skip(t & 7);
    }
    if (value === undefined) throw new InputError("the engine's AnalyzeStack request has a property without a value");
    put(out, key, value);
  }
  if (r.pos !== end) throw malformed();
  return out;
}

function valueOf(r: Reader, end: number): unknown {
  let value: unknown = undefined;
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case (1 << 3) | VARINT:
        r.varint();
        value = null;
        break;
      case (2 << 3) | FIXED64:
        value = r.double();
        break;
      case (3 << 3) | LEN:
        value = r.string();
        break;
      case (4 << 3) | VARINT:
        value = r.varint() !== 0;
        break;
      case (5 << 3) | LEN:
        value = struct(r, r.end());
        break;
      case (6 << 3) | LEN: {
        const listEnd = r.end();
        const list: unknown[] = [];
        while (r.pos < listEnd) {
          const t = r.varint();
          if (t === ((1 << 3) | LEN)) {
            const item = valueOf(r, r.end());
            if (item === undefined) throw new InputError("the engine's AnalyzeStack request has a list item without a value");
            list.push(item);
          } else r.skip(t & 7);
        }
        value = list;
        break;
      }
      default:
        r.skip(tag & 7);
    }
  }
  if (r.pos !== end) throw malformed();
  return value;
}

/** Reads a message's fields up to `end`, handing each field number and wire type to `field`. */
function fields(r: Reader, end: number, field: (number: number, wireType: number) => boolean): void {
  while (r.pos < end) {
    const tag = r.varint();
    if (!field(Math.floor(tag / 8), tag & 7)) r.skip(tag & 7);
  }
  if (r.pos !== end) throw malformed();
}

function resource(r: Reader, end: number): AnalyzedResource {
  let urn = "";
  let type = "";
  let name = "";
  let parent = "";
  let provider = "";
  let protect = false;
  const aliases: string[] = [];
  let props: Record<string, unknown> = {};
  const propertyDependencies = new Map<string, string[]>();
  fields(r, end, (n, w) => {
    if (w === LEN && n === 1) type = r.string();
    else if (w === LEN && n === 2) props = struct(r, r.end());
    else if (w === LEN && n === 3) urn = r.string();
    else if (w === LEN && n === 4) name = r.string();
    else if (w === LEN && n === 7) parent = r.string();
    else if (w === LEN && n === 5) {
      protect = false;
      aliases.length = 0; // a repeated message field merges in protobuf; the engine sends one
      fields(r, r.end(), (o, ow) => {
        if (o === 1 && ow === VARINT) protect = r.varint() !== 0;
        else if (o === 6 && ow === LEN) aliases.push(r.string());
        else return false;
        return true;
      });
    } else if (w === LEN && n === 6) {
      fields(r, r.end(), (p, pw) => {
        if (p === 3 && pw === LEN) provider = r.string();
        else return false;
        return true;
      });
    } else if (w === LEN && n === 9) {
      let key = "";
      const urns: string[] = [];
      fields(r, r.end(), (e, ew) => {
        if (e === 1 && ew === LEN) key = r.string();
        else if (e === 2 && ew === LEN) {
          urns.length = 0;
          fields(r, r.end(), (u, uw) => {
            if (u === 1 && uw === LEN) urns.push(r.string());
            else return false;
            return true;
          });
        } else return false;
        return true;
      });
      propertyDependencies.set(key, urns);
    } else return false;
    return true;
  });
  return {
    urn,
    type,
    name,
    parent: parent || null,
    provider: provider || null,
    protect,
    ...(aliases.length ? { aliases } : {}),
    props: stateForm(props),
    propertyDependencies: Object.fromEntries(propertyDependencies),
  };
}

/** The goal the engine hands AnalyzeStack, from the request's bytes. */
export function readAnalyzeStack(bytes: Uint8Array): AnalyzedResource[] {
  const r = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const out: AnalyzedResource[] = [];
  fields(r, bytes.length, (n, w) => {
    if (n !== 1 || w !== LEN) return false;
    out.push(resource(r, r.end()));
    return true;
  });
  return out;
}

/**
 * Typed, three-state access to a resource's values: every accessor says whether a value is
 * known, unknown (Terraform learns it only at apply, or the loader saw an expression) or absent
 * (not set). No rule can confuse "not set" with "known after apply".
 *
 * A view walks three parallel trees: the values (plan `after`, a cdk.tf.json/HCL literal), the
 * unknown mask (plan `after_unknown`: `true` at an unknown leaf or subtree) and the sensitive mask
 * (plan `after_sensitive` / `sensitive_values`).
 */

import { own, record } from './records';

/**
 * A bool as Terraform reads one where a bool is wanted (an attribute, a condition, `&&`, `tobool`):
 * a bool, or a string cty converts, "true" and "1" to true, "false" and "0" to false. Case matters
 * ("True", "TRUE" are refused), and so does the text ("01", " 1", "1.0" are refused); a number is
 * never a bool. Undefined for anything else.
 */
export function terraformBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

export type PathSeg = string | number;

/** A string in a resource's values and where it sits. */
export interface StringLeaf {
  readonly text: string;
  readonly path: readonly PathSeg[];
  /** The text is a map's key (`path` ends with it), not a value: `strings`' `keysAt`. */
  readonly key?: true;
}

export type Val<T> =
  | { readonly kind: 'known'; readonly value: T }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'absent' };

export const UNKNOWN: Val<never> = Object.freeze({ kind: 'unknown' as const });
export const ABSENT: Val<never> = Object.freeze({ kind: 'absent' as const });
export const known = <T>(value: T): Val<T> => ({ kind: 'known', value });

/** The mask value that marks a whole subtree. */
const isMarked = (mask: unknown): boolean => mask === true;

const child = (mask: unknown, key: PathSeg): unknown => {
  if (isMarked(mask)) return true;
  if (mask === null || typeof mask !== 'object') return undefined;
  return own(mask, key);
};

/** The path of a root view: one shared array (large plans make a root view per resource). */
const ROOT: readonly PathSeg[] = Object.freeze([]);

export class ValueView {
  /** The path, or undefined until asked for (a child spells it from its parent's). */
  #path: readonly PathSeg[] | undefined;
  /** For a child view: its parent and the key under it. */
  #parent: ValueView | undefined;
  #key: PathSeg | undefined;

  constructor(
    readonly raw: unknown,
    private readonly unknownMask: unknown = undefined,
    private readonly sensitiveMask: unknown = undefined,
    path: readonly PathSeg[] = ROOT,
  ) {
    this.#path = path;
  }

  /** Where this view sits, from the root of the resource's values. */
  get path(): readonly PathSeg[] {
    return (this.#path ??= [...(this.#parent as ValueView).path, this.#key as PathSeg]);
  }

  /**
   * A view of a child attribute, list element or map entry. Its path is spelled when asked for:
   * most views are read and dropped, and an array per view was most of what `get` allocated.
   */
  get(...keys: PathSeg[]): ValueView {
    let view: ValueView = this;
    for (const key of keys) {
      const value = view.raw !== null && typeof view.raw === 'object' ? own(view.raw, key) : undefined;
      const next = new ValueView(value, child(view.unknownMask, key), child(view.sensitiveMask, key), undefined);
      next.#path = undefined;
      next.#parent = view;
      next.#key = key;
      view = next;
    }
    return view;
  }

  /** True when Terraform will only know this value (or part of it) after apply. */
  get isUnknown(): boolean {
    return isMarked(this.unknownMask);
  }

  /** True when the value, or any part of it, is unknown. */
  get hasUnknown(): boolean {
    return hasMark(this.unknownMask);
  }

  /** True when Terraform marks this value, or any part of it, sensitive: never print it. */
  get isSensitive(): boolean {
    return hasMark(this.sensitiveMask);
  }

  get isAbsent(): boolean {
    return !this.isUnknown && (this.raw === undefined || this.raw === null);
  }

  /** A string; numbers and booleans convert as Terraform converts them. */
  string(): Val<string> {
    return this.scalar((v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined));
  }

  /** A boolean; the strings "true", "false", "1" and "0" convert as Terraform converts them (`terraformBool`). */
  bool(): Val<boolean> {
    return this.scalar(terraformBool);
  }

  /** A number; numeric strings convert as Terraform converts them. */
  number(): Val<number> {
    return this.scalar((v) => {
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      return undefined;
    });
  }

  /** The elements of a list or set. A single object counts as a list of one (cdk.tf.json writes single blocks that way). */
  list(): Val<ValueView[]> {
    if (this.isUnknown) return UNKNOWN;
    if (this.raw === undefined || this.raw === null) return ABSENT;
    if (Array.isArray(this.raw)) return known(this.raw.map((_, i) => this.get(i)));
    if (typeof this.raw === 'object') return known([this]);
    return UNKNOWN;
  }

  /** The entries of a map or object. */
  map(): Val<Record<string, ValueView>> {
    const out = record<ValueView>();
    const kind = this.eachEntry((key, view) => {
      out[key] = view;
    });
    return kind === 'known' ? known(out) : kind === 'unknown' ? UNKNOWN : ABSENT;
  }

  /**
   * Each entry of a map or object, as `map` has them and in its order, given to `visit` without the
   * record `map` makes; the kind `map` would have. Tags are read so for every resource: on the 30k
   * bench plan, `map`'s record and `Object.entries`' pairs were ~40 MB of what the rules allocate.
   */
  eachEntry(visit: (key: string, view: ValueView) => void): Val<unknown>['kind'] {
    if (this.isUnknown) return 'unknown';
    const raw = this.raw;
    if (raw === undefined || raw === null) return 'absent';
    if (typeof raw !== 'object' || Array.isArray(raw)) return 'unknown';
    const unknownOnly = this.unknownOnlyKeys(raw);
    if (unknownOnly === undefined) {
      for (const key of Object.keys(raw)) visit(key, this.get(key));
      return 'known';
    }
    // In a record's order, as `map` had them: an array index among the keys comes first.
    const all = record<true>();
    for (const key of [...Object.keys(raw), ...unknownOnly]) all[key] = true;
    for (const key of Object.keys(all)) visit(key, this.get(key));
    return 'known';
  }

  /**
   * Terraform leaves an entry whose value is unknown out of `after` and marks it in `after_unknown`:
   * the keys of `raw`'s unknown mask it lacks, so marked; undefined when none.
   */
  private unknownOnlyKeys(raw: object): string[] | undefined {
    const mask = this.unknownMask;
    if (mask === null || typeof mask !== 'object' || Array.isArray(mask)) return undefined;
    let keys: string[] | undefined;
    for (const [key, mark] of Object.entries(mask)) if (!Object.prototype.propertyIsEnumerable.call(raw, key) && hasMark(mark)) (keys ??= []).push(key);
    return keys;
  }

  /**
   * The single nested block at this attribute: the first element of a block list (plan JSON and
   * hcl2json render `rule { … }` as `[ { … } ]`) or the object itself. Absent for `[]`.
   */
  block(): Val<ValueView> {
    const items = this.list();
    if (items.kind !== 'known') return items;
    return items.value.length === 0 ? ABSENT : known(items.value[0]);
  }

  /** Every nested block at this attribute (see `block`). */
  blocks(): Val<ValueView[]> {
    return this.list();
  }

  /** A map of strings (tags, for instance); unknown when the map or any of its values is unknown. */
  stringMap(): Val<Record<string, string>> {
    const entries = this.map();
    if (entries.kind !== 'known') return entries;
    const out = record<string>();
    for (const [key, view] of Object.entries(entries.value)) {
      const value = view.string();
      if (value.kind === 'unknown') return UNKNOWN;
      if (value.kind === 'known') out[key] = value.value;
    }
    return known(out);
  }

  /** A list of strings; unknown when the list or any element is unknown. */
  stringList(): Val<string[]> {
    const items = this.list();
    if (items.kind !== 'known') return items;
    const out: string[] = [];
    for (const view of items.value) {
      const value = view.string();
      if (value.kind === 'unknown') return UNKNOWN;
      if (value.kind === 'known') out.push(value.value);
    }
    return known(out);
  }

  /**
   * Every string leaf under this view that is known at plan time, not empty and not marked
   * sensitive (a sensitive value is never read), with its path from the root. `skip` prunes
   * subtrees by path. `keysAt` names the maps whose keys are text as well (tags nested in blocks):
   * each of their non-empty keys is a leaf too (`key: true`), whether its value is known, unknown
   * or sensitive, as Terraform shows the keys of such a map. Walks the value and its masks directly,
   * with one path stack: a view per node (`get`) cost ~1.2 s on the 100k bench plan, where two
   * sensitive-data rules walk every resource.
   */
  strings(skip: (path: readonly PathSeg[]) => boolean = () => false, keysAt?: (path: readonly PathSeg[]) => boolean): StringLeaf[] {
    const out: StringLeaf[] = [];
    const path: PathSeg[] = [...this.path];
    const visit = (raw: unknown, unknownMask: unknown, sensitiveMask: unknown): void => {
      if (isMarked(unknownMask) || raw === undefined || raw === null || skip(path)) return;
      if (typeof raw === 'string') {
        if (raw.length > 0 && !hasMark(sensitiveMask)) out.push({ text: raw, path: [...path] });
      } else if (Array.isArray(raw)) {
        for (let i = 0; i < raw.length; i++) {
          path.push(i);
          visit(raw[i], child(unknownMask, i), child(sensitiveMask, i));
          path.pop();
        }
      } else if (typeof raw === 'object') {
        const keys = keysAt !== undefined && keysAt(path) ? new Set(Object.keys(raw)) : undefined;
        // Terraform leaves an entry whose value is unknown out of `after` and marks it in `after_unknown` (as `map` reads it).
        if (keys && unknownMask !== null && typeof unknownMask === 'object' && !Array.isArray(unknownMask)) {
          for (const [key, mark] of Object.entries(unknownMask)) if (hasMark(mark)) keys.add(key);
        }
        for (const key of keys ?? []) if (key.length > 0) out.push({ text: key, path: [...path, key], key: true });
        for (const key of Object.keys(raw)) {
          path.push(key);
          visit((raw as Record<string, unknown>)[key], child(unknownMask, key), child(sensitiveMask, key));
          path.pop();
        }
      }
    };
    visit(this.raw, this.unknownMask, this.sensitiveMask);
    return out;
  }

  private scalar<T>(convert: (v: unknown) => T | undefined): Val<T> {
    if (this.isUnknown) return UNKNOWN;
    if (this.raw === undefined || this.raw === null) return ABSENT;
    const value = convert(this.raw);
    // A value of the wrong shape (an object where a string belongs) cannot be vouched for.
    return value === undefined ? UNKNOWN : known(value);
  }
}

function hasMark(mask: unknown): boolean {
  if (mask === true) return true;
  if (mask === null || typeof mask !== 'object') return false;
  for (const value of Object.values(mask as object)) if (hasMark(value)) return true;
  return false;
}

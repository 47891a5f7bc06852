import fc from 'fast-check';
import { type PathSeg, ValueView } from '../../checks/model/value';

/** The strings a rule may read, found view by view with `get`: what `strings()` must match. */
function viaGet(view: ValueView, skip: (path: readonly PathSeg[]) => boolean): { text: string; path: readonly PathSeg[] }[] {
  if (view.isUnknown || view.isAbsent || skip(view.path)) return [];
  const raw = view.raw;
  if (typeof raw === 'string') return raw.length > 0 && !view.isSensitive ? [{ text: raw, path: view.path }] : [];
  if (raw === null || typeof raw !== 'object') return [];
  const keys: PathSeg[] = Array.isArray(raw) ? raw.map((_, i) => i) : Object.keys(raw);
  return keys.flatMap((key) => viaGet(view.get(key), skip));
}

describe('ValueView.strings', () => {
  it('finds known, non-sensitive, non-empty strings with their paths, and nothing under unknown or sensitive marks', () => {
    const view = new ValueView(
      { name: 'web', empty: '', port: 443, tags: { Owner: 'a@b.io' }, rule: [{ description: 'x', secret: 's3cr3t' }], later: null, nested: { deep: ['y', ''] } },
      { later: true, rule: [{ description: false }] },
      { rule: [{ secret: true }] },
    );
    expect(view.strings((path) => path.length === 1 && path[0] === 'tags')).toEqual([
      { text: 'web', path: ['name'] },
      { text: 'x', path: ['rule', 0, 'description'] },
      { text: 'y', path: ['nested', 'deep', 0] },
    ]);
  });

  it('gives what a walk view by view gives, on any value and masks', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'tags', 'name'), tie('value'), { maxKeys: 3 })),
    })).value;
    const mask = fc.letrec((tie) => ({
      mask: fc.oneof({ depthSize: 'small' }, fc.boolean(), fc.array(tie('mask'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'tags', 'name'), tie('mask'), { maxKeys: 3 })),
    })).mask;
    const skip = (path: readonly PathSeg[]): boolean => path[path.length - 1] === 'tags';
    fc.assert(
      fc.property(json, mask, mask, (value, unknown, sensitive) => {
        const view = new ValueView(value, unknown, sensitive);
        expect(view.strings(skip)).toEqual(viaGet(view, skip));
      }),
      { numRuns: 500 },
    );
  });
});

describe('names JavaScript objects already have', () => {
  const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  /** `{ tags: { <name>: "team-a" } }` as JSON.parse builds it: `name` an own entry. */
  const withTag = (name: string) => JSON.parse(`{"tags":{${JSON.stringify(name)}:"team-a"}}`) as unknown;

  it.each(NAMES)('%s is absent where the input does not have it, in values and masks alike', (name) => {
    const view = new ValueView({ tags: {} }, { tags: {} }, { tags: {} }).get('tags', name);
    expect([view.isAbsent, view.isUnknown, view.isSensitive, view.string()]).toEqual([true, false, false, { kind: 'absent' }]);
  });

  it.each(NAMES)('%s is an entry like any other where the input has it', (name) => {
    const view = new ValueView(withTag(name)).get('tags');
    expect(view.get(name).string()).toEqual({ kind: 'known', value: 'team-a' });
    const map = view.stringMap();
    expect(map.kind === 'known' && Object.entries(map.value)).toEqual([[name, 'team-a']]);
  });
});

/**
 * The lookup that tells which planned_values / prior_state elements a plan's changes already
 * describe: a wrong "yes" would drop a resource from the check, a wrong "no" would check it twice.
 */
import { type AddressParts, AddressLookup, hashOf, spelledAddress, spelledHash, spells } from '../../../checks/model/plan/address-lookup';

// Two addresses with the same 32-bit FNV-1a hash (found by search).
const COLLIDING = ['module.site["s232789"].aws_s3_bucket.logs', 'module.site["s429192"].aws_s3_bucket.logs'];

const resources = (addresses: string[]) => addresses.map((address) => ({ address }));

describe('the change address lookup', () => {
  it('knows the addresses of resources and of removed changes, and only those', () => {
    const lookup = new AddressLookup(resources(['aws_s3_bucket.a', 'module.m["x"].aws_kms_key.k[0]']), ['aws_s3_bucket.gone']);
    expect(['aws_s3_bucket.a', 'module.m["x"].aws_kms_key.k[0]', 'aws_s3_bucket.gone'].map((a) => lookup.has(a))).toEqual([true, true, true]);
    expect(['aws_s3_bucket.b', 'module.m["y"].aws_kms_key.k[0]', ''].map((a) => lookup.has(a))).toEqual([false, false, false]);
  });

  it('tells apart two addresses whose hashes are equal', () => {
    expect(hashOf(COLLIDING[0])).toBe(hashOf(COLLIDING[1]));
    expect(new AddressLookup(resources([COLLIDING[0]]), []).has(COLLIDING[1])).toBe(false);
    const both = new AddressLookup(resources([COLLIDING[1], 'aws_s3_bucket.a']), [COLLIDING[0]]);
    expect(COLLIDING.map((a) => both.has(a))).toEqual([true, true]);
  });

  it('answers the same past the room beside a hash, where it keeps the strings', () => {
    const lookup = new AddressLookup(resources(['aws_s3_bucket.a', COLLIDING[0]]), ['aws_s3_bucket.gone'], 2);
    expect(['aws_s3_bucket.a', COLLIDING[0], 'aws_s3_bucket.gone', COLLIDING[1]].map((a) => lookup.has(a))).toEqual([true, true, true, false]);
  });

  it('finds a resource that spells its address only when asked, by its parts', () => {
    const spelling = (parts: AddressParts) => ({
      get address(): string {
        throw new Error('the lookup spelled an address');
      },
      addressHash: () => spelledHash(parts),
      isAddress: (text: string) => spells(parts, text),
    });
    const parts: AddressParts[] = [
      { module: '', mode: 'managed', type: 'aws_s3_bucket', name: 'a', index: undefined },
      { module: 'module.m["x"]', mode: 'managed', type: 'aws_kms_key', name: 'k', index: 0 },
      { module: '', mode: 'data', type: 'aws_iam_policy_document', name: 'p', index: 'e"u' },
    ];
    const lookup = new AddressLookup(parts.map(spelling), ['aws_s3_bucket.gone']);
    expect(['aws_s3_bucket.a', 'module.m["x"].aws_kms_key.k[0]', 'data.aws_iam_policy_document.p["e\\"u"]', 'aws_s3_bucket.gone'].map((a) => lookup.has(a))).toEqual([true, true, true, true]);
    expect(['aws_s3_bucket.a[0]', 'module.m["x"].aws_kms_key.k[1]', 'aws_iam_policy_document.p["e\\"u"]', 'aws_s3_bucket.b'].map((a) => lookup.has(a))).toEqual([false, false, false, false]);
  });
});

describe('an address spelled from its parts', () => {
  const part = (module: string, mode: string, type: string, name: string, index?: number | string): AddressParts => ({ module, mode, type, name, index });
  // Each with texts that are nearly its address and are not.
  it.each<[AddressParts, string[]]>([
    [part('', 'managed', 'aws_s3_bucket', 'b'), ['aws_s3_bucket.b[0]', 'aws_s3_bucket.bb', 'aws_s3_bucket.', 'data.aws_s3_bucket.b', 'aws_s3_bucketxb', '']],
    [part('', 'managed', 'aws_s3_bucket', 'b', 0), ['aws_s3_bucket.b', 'aws_s3_bucket.b[00]', 'aws_s3_bucket.b["0"]', 'aws_s3_bucket.b[0', 'aws_s3_bucket.b[1]']],
    [part('', 'managed', 'aws_s3_bucket', 'b', 1234567890123), ['aws_s3_bucket.b[1234567890124]', 'aws_s3_bucket.b[123456789012]']],
    [part('', 'managed', 'aws_s3_bucket', 'b', -1), ['aws_s3_bucket.b[1]']],
    [part('', 'managed', 'aws_s3_bucket', 'b', 1.5), ['aws_s3_bucket.b[15]']],
    [part('', 'managed', 'aws_s3_bucket', 'b', '0'), ['aws_s3_bucket.b[0]']],
    [part('', 'managed', 'aws_s3_bucket', 'b', 'e"u\u00e9'), ['aws_s3_bucket.b["e"u"]']],
    [part('', 'data', 'aws_s3_bucket', 'b', 7), ['aws_s3_bucket.b[7]', 'data.aws_s3_bucket.b[8]']],
    [part('module.site["s1"].module.db[0]', 'managed', 'aws_db_instance', 'this'), ['module.site["s1"].aws_db_instance.this', 'module.site["s1"].module.db[0]aws_db_instance.this']],
    [part('module.m', 'data', 'aws_s3_bucket', 'b', 'k'), ['module.m.aws_s3_bucket.b["k"]', 'data.module.m.aws_s3_bucket.b["k"]']],
  ])('%j', (parts, others) => {
    const address = spelledAddress(parts);
    expect(spelledHash(parts)).toBe(hashOf(address));
    expect(spells(parts, address)).toBe(true);
    for (const other of others) expect([other, spells(parts, other)]).toEqual([other, false]);
  });
});

/**
 * The lookup that tells which planned_values / prior_state elements a plan's changes already
 * describe: a wrong "yes" would drop a resource from the check, a wrong "no" would check it twice.
 */
import { AddressLookup, hashOf } from '../../../checks/model/plan/address-lookup';

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
});

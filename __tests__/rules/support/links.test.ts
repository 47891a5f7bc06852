import { soleTarget } from '../../../checks/rules/support/links';
import type { Resolution, Resource } from '../../../checks/model/types';

const resource = (address: string, mode: Resource['mode']): Resource => ({ address, mode }) as Resource;
const managed = resource('aws_glue_security_configuration.main', 'managed');
const data = resource('data.aws_glue_security_configuration.main', 'data');
const to = (targets: Resource[], partly?: true): Resolution => ({ status: 'resources', targets, via: 'reference', ...(partly ? { partly } : {}) });

describe('soleTarget', () => {
  it('gives the one resource a link leads to wholly', () => {
    expect(soleTarget(to([managed]))).toBe(managed);
    expect(soleTarget(to([data]))).toBe(data);
  });

  it('gives nothing for several resources, a partial link, a value or an unknown', () => {
    expect(soleTarget(to([managed, resource('aws_glue_security_configuration.other', 'managed')]))).toBeUndefined();
    expect(soleTarget(to([managed], true))).toBeUndefined();
    expect(soleTarget({ status: 'value', value: 'main' } as Resolution)).toBeUndefined();
    expect(soleTarget({ status: 'unknown', reason: 'known only after apply' } as Resolution)).toBeUndefined();
  });

  it('with a mode, gives only a resource of that mode', () => {
    expect(soleTarget(to([managed]), 'managed')).toBe(managed);
    expect(soleTarget(to([data]), 'managed')).toBeUndefined();
  });
});

/**
 * Small helpers shared by the awscc binding's `synthesizeHclAttributes`, in the shape cdktf-generated bindings emit
 * (`{ value, isBlock, type, storageClassType }` per attribute, undefined values dropped).
 */

/** One HCL attribute descriptor as cdktf's HCL renderer expects it. */
export interface HclAttribute {
  readonly value: unknown;
  readonly isBlock: boolean;
  readonly type: 'simple' | 'list' | 'set' | 'map' | 'any';
  readonly storageClassType: string;
}

/** Describes a plain (non-block) attribute. */
export function hclAttribute(value: unknown, type: HclAttribute['type'], storageClassType: string): HclAttribute {
  return { value, isBlock: false, type, storageClassType };
}

/**
 * Describes a single nested attribute (awscc's `assume_role`, `endpoints`): rendered as `name = { ... }`, an object
 * expression, never a block or a list.
 */
export function hclObject(value: unknown, storageClassType: string): HclAttribute {
  return { value, isBlock: false, type: 'any', storageClassType };
}

/** Drops attributes whose value is undefined, as generated bindings do. */
export function definedHclAttributes(attrs: Record<string, HclAttribute>): Record<string, HclAttribute> {
  return Object.fromEntries(Object.entries(attrs).filter(([, attr]) => attr.value !== undefined));
}

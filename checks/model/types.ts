/**
 * The normalized model every loader produces and every rule reads. A rule never knows whether a
 * plan, a cdk.tf.json or a directory of .tf files fed it (STYLE.md, convention 3).
 *
 * Loaders emit plain data (`LoadedInput`); `buildGraph` turns one or more of them into a `Graph`
 * of `Resource`s with a link index.
 */
import type { EnvironmentIgnoreTags } from './default-tags';
import type { RefusedRead } from './evaluate';
import type { EnvironmentEndpoints } from './environment-endpoints';
import type { Links } from './links';
import type { SourcePosition } from './positions';
import type { PathSeg, StringLeaf, Val, ValueView } from './value';

/** Planned actions as Terraform writes them in `resource_changes[].change.actions`. */
export type Action = 'create' | 'update' | 'delete' | 'no-op' | 'read' | 'forget' | 'create-then-delete' | string;

export type InputKind = 'plan' | 'cdktf' | 'hcl';

/** A value written in a map Terraform knows only after apply whole, with its key where that is known (`entriesOfUnknownMap`). */
export interface WrittenEntry {
  readonly key?: string;
  /** What the code writes of the value (`null` where it writes only the maps in `within`). */
  readonly value: unknown;
  /** The maps known only after apply whole within the value (`{ outer = { "${var.p}_ID" = "…" } }`), each at its path below it. */
  readonly within?: readonly UnknownMapWithin[];
  /**
   * The value is the literal text of a template around a value known only after apply (`"${var.p}-AKIA…"`, a `for`'s
   * `"${k}:AKIA…"`), its pieces a line each: a part of the value only, which no key names (`key` is none), so its
   * shape alone counts. Kept at the template's place as the entry of a map there (`UnknownMapWithin`).
   */
  readonly template?: true;
}

/** Literal text an expression writes that its value known at plan time does not keep (`literalsDropped`), at its path below the attribute. */
export interface DroppedLiteral {
  readonly at: readonly PathSeg[];
  readonly text: string;
}

/** A map Terraform knows only after apply whole, inside a map or list the code writes: where, and its entries (`unknownMapsWithin`). */
export interface UnknownMapWithin {
  readonly at: readonly PathSeg[];
  readonly entries: readonly WrittenEntry[];
}

/**
 * A configuration expression tree. `expr` is one attribute's expression: a constant, references to
 * other objects (`aws_s3_bucket.b.id`, `var.x`, `module.m.out`, `each.key`, `count.index`, `data.x.y.json`),
 * or both unknown (a function call whose value the loader does not evaluate). `block` is a nested
 * block or object; `list` a list of them (plan JSON and hcl2json write repeated blocks as lists).
 */
export type ConfigNode =
  | {
      readonly kind: 'expr';
      /** True when `constant` holds the literal value. */
      readonly hasConstant: boolean;
      readonly constant?: unknown;
      /**
       * The constant is what a configuration loader evaluated from references (locals, variables'
       * values, `path.module`), not written at this attribute: a plan records a constant only for an
       * expression without references.
       */
      readonly computed?: true;
      /**
       * Of a `computed` constant: no part of it was given from outside the code (a `-var`, a
       * `-var-file`, a plan's variables), so the code alone fixes it, as it fixes a literal: locals,
       * variables' defaults, the variable files Terraform loads from beside the code, `each.value` of
       * a literal `for_each`.
       */
      readonly byCode?: true;
      /**
       * Of a map or list a configuration loader read whose parts are not all constant
       * (`{ DB_USER = var.user, DB_PASSWORD = "…" }`): its parts written as literals, and an encoded
       * document's (`jsonencode({ user = var.user, password = "…" })`), the others left out (holes in a
       * list). A plan records no constant for such a value.
       */
      readonly literalParts?: unknown;
      /**
       * Of a value not wholly known whose parts the code fixes elsewhere (`{ DB_HOST = aws_db_instance.d.address,
       * DB_PASSWORD = local.pw }`, `jsonencode([{ image = var.image, environment = [{ … value = local.pw }] }])`):
       * those parts (`byCode` values) and the literal ones.
       */
      readonly codeParts?: unknown;
      /**
       * Of a map Terraform knows only after apply whole, because a key is (`{ "${var.project}:owner" = "jane@…", Team = "iot" }`)
       * or a `merge` argument is (`merge(var.tags, { Owner = "jane@…" })`), written in place or through
       * locals and `merge` (evaluate.ts `writtenEntries`): a plan records it unknown, yet its values are
       * written in the code. Each entry whose value the code fixes, in the order written.
       */
      readonly entriesOfUnknownMap?: readonly WrittenEntry[];
      /**
       * Of a map Terraform knows only after apply whole, the entries it holds whatever its unknown part (evaluate.ts
       * `heldEntries`: `merge(var.tags, { Owner = "…" })` holds `Owner`, a later argument's keys replacing whatever the
       * variable holds), split as a plan writes a value: `after` (a `null` value kept: the map holds the key with null)
       * and `unknown`, the mask of the values known only after apply. Absent where it holds none for certain.
       */
      readonly held?: { readonly after: Readonly<Record<string, unknown>>; readonly unknown?: unknown };
      /**
       * Of a map or list written in place, the maps known only after apply whole inside it, at any depth
       * (`environment = { variables = { "${var.project}_ID" = "…" } }` of an awscc type, a module argument's map
       * of maps): each at its path below this attribute, with its `entriesOfUnknownMap`. `literalParts` leaves them out.
       */
      readonly unknownMapsWithin?: readonly UnknownMapWithin[];
      /**
       * Of a value known at plan time, or of a map or list written in place holding such values: the literal text each
       * expression writes that its value does not keep (evaluate.ts `literalsDropped`: `var.flag ? "AKIA…" : "x"`,
       * `lower("AKIA…")`), at its path below this attribute. The code's all the same, in clear in the repository.
       */
      readonly literalsDropped?: readonly DroppedLiteral[];
      /**
       * Of a node with `literalsDropped` the code computes from references (`var.flag ? "AKIA…" : "x"`, a map of such
       * parts and others), or of a `null` it computes: all those references, which a plan records for it where a constant's are none, to match the
       * plan's (code-sources.ts).
       */
      readonly codeReferences?: readonly string[];
      /**
       * Of a plan's expression read with the code that made it (code-sources.ts): the code makes `null` with the plan's
       * variables (`policy = var.policy` with a default of null), which a plan records by its references alone.
       */
      readonly nullByCode?: true;
      /** Referenced objects, as written, relative to the module the expression is in. */
      readonly references: readonly string[];
      /** The code of a value that is not constant, where a configuration loader read it. */
      readonly source?: CodeSource;
      /**
       * Of a value not known that is one conditional whose sides the code fixes
       * (`var.key == "" ? "AES256" : "aws:kms"`): the values it may take, one of them.
       */
      readonly choices?: readonly unknown[];
      /**
       * Of a value not known that a configuration loader read: the functions its code calls that twinguard does not
       * evaluate (`trim` of a provider's function), which Terraform computes at plan time (not-evaluated.ts). Its
       * findings say so rather than "known only after apply" (`notEvaluatedAt`).
       */
      readonly notEvaluated?: readonly string[];
      /**
       * Of a value not known that a configuration loader read: the root variables it reads that nothing sets
       * (`var.enable_key_rotation` with no default and no value given), for which terraform plan asks, or which it
       * refuses. Its findings say so rather than "known only after apply" (`notEvaluatedAt`).
       */
      readonly unsetVariables?: readonly string[];
      /**
       * Of a value not known that a configuration loader read as one conditional whose condition the code fixes
       * (`var.create_kms_key ? module.kms.key_arn : var.key_arn` of a true default): the references of the side it
       * takes, which alone make the value (`references` lists both sides' and the condition's, as a plan does).
       */
      readonly taken?: readonly string[];
    }
  | { readonly kind: 'block'; readonly attrs: Readonly<Record<string, ConfigNode>> }
  | {
      readonly kind: 'list';
      readonly items: readonly ConfigNode[];
      /** Blocks a `dynamic` block made: a plan's configuration leaves them out (code-sources.ts). */
      readonly dynamic?: true;
      /**
       * The blocks written beside a `dynamic` block whose blocks are known only after apply (.tf and
       * cdktf input): `items` but the last are the written ones, the last holds the references of the
       * dynamic one. The value is unknown; these blocks are still read as they are written.
       */
      readonly more?: true;
    };

/** The code of a configuration value, to evaluate symbolically (symbolic.ts). */
export interface CodeSource {
  /**
   * The value, with each traversal of a resource or data source (`aws_s3_bucket.b.arn`) as
   * `reference` makes it; a part not known is evaluate.ts's `UNKNOWN` (or `OPAQUE` text in a string).
   * `key`: the instance key of `count.index`/`each` where the value is evaluated (a repeated module
   * call's argument is written once for all its instances). `moduleReference`: `reference` in the module instance, the
   * same function for each of its blocks' instances, for the `for_each` that binds `each` (Terraform reads it once,
   * without an instance's key), so its instances read it once.
   */
  evaluate(reference: (traversal: string) => unknown, key?: number | string, moduleReference?: (traversal: string) => unknown): unknown;
  /**
   * Code that is one conditional whole (`var.on ? aws_s3_bucket_policy.p[0].id : aws_s3_bucket.b.id`): each side as
   * code, evaluated where the whole is. Where its condition is not known, the value is one side or the other.
   */
  readonly sides?: readonly CodeSource[];
  /** The code reads its instance's key (`count.index`, `each.key`): a plan lists those among its references. */
  readonly readsKey?: true;
  /** The code reads its instance's `each.value`: a plan lists it among its references, whatever the element is. */
  readonly readsEachValue?: true;
}

/** One resource instance as a loader found it. */
export interface ResourceData {
  /** Full instance address: `module.app["eu"].aws_s3_bucket.logs[0]`. */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** `count` index or `for_each` key of this instance, if any. */
  readonly index?: number | string;
  /** Module instance address, '' for the root: `module.app["eu"]`. */
  readonly module: string;
  /**
   * Provider configuration key as the plan's configuration writes it (`aws`, `aws.east`,
   * `module.app:aws`), or the provider reference written in the resource (`aws.east`).
   */
  readonly providerConfigKey: string;
  /** Fully qualified provider: `registry.terraform.io/hashicorp/aws`. */
  readonly providerName: string;
  /** What the apply will do. Loaders drop delete-only and forget; a config (cdktf/HCL) resource is `['create']`. */
  readonly actions: readonly Action[];
  /** Values after apply (plan `change.after`, state `values`, or literals of the configuration). */
  readonly after: unknown;
  /** Unknown mask: plan `after_unknown`; loaders of configuration mark every non-literal `true`. */
  readonly afterUnknown: unknown;
  /** Sensitive mask: plan `after_sensitive` / `sensitive_values`. */
  readonly afterSensitive: unknown;
  /** The resource's configuration block (shared by all its instances), with references. */
  readonly config?: ConfigNode;
  /**
   * What the resource's `provisioner` and `connection` blocks write, as configuration: a block of
   * `provisioner` (by type, a list of blocks: `{ "local-exec": [ { command } ] }`) and `connection` (a
   * list of blocks). A plan records provisioners (not connection blocks); the configuration loaders
   * read both. Absent when the resource has neither.
   */
  readonly provisioners?: ConfigNode;
  /** How the configuration repeats this resource. */
  readonly repetition?: 'count' | 'for_each';
  /**
   * Configuration loaders, on the one instance that stands for a block whose `count` or `for_each`
   * is not known and may make more than one instance: that argument as written (`count = var.n`). A
   * reference to one instance (`aws_s3_bucket.b[0]`) names one of those it stands for, not all of
   * them. Absent for `count = c ? 1 : 0`, which makes instance [0] or none.
   */
  readonly instancesUnknown?: string;
  /**
   * References of the `for_each` expression, as a plan's `for_each_expression` lists them
   * (`['aws_s3_bucket.m']`): where each instance's `each.value` may come from. Configuration loaders,
   * which see the expression, set it only when it is a bare reference (`for_each = aws_s3_bucket.m`);
   * a plan cannot tell that from a `for` expression over the same resource, and sets it for any
   * for_each expression with references.
   */
  readonly forEachRefs?: readonly string[];
  /** cdktf construct path (`twinmaker-dev/workspace/bucket`), when the input comes from cdktf. */
  readonly constructPath?: string;
  /**
   * Configuration loaders: the top-level attributes an `import` block's resource keeps from AWS, its `lifecycle {
   * ignore_changes }` listing them (`tags` brings `tags_all`), or `all` (cdktf.ts `withImportTargets`).
   * They are known only after apply here, and an unknown finding on one says why (engine.ts `keptFromAws`).
   */
  readonly keptFromAws?: readonly string[] | 'all';
  /**
   * An `import` block brings this instance in: the object exists in AWS already, so an Optional+Computed argument the
   * code leaves unset is not sent and the object keeps the value AWS holds (no default applies, as it does on a create).
   * A plan: its change's `importing`; configuration loaders: the root module's `import` blocks (cdktf.ts
   * `withImportTargets`; a target in a module call is not followed).
   */
  readonly importing?: true;
  /**
   * Configuration loaders: the conditions, not known here, on which this instance exists: a `count`
   * or `for_each` whose value is not known, of its block or of a module call above it, or OpenTofu's
   * `lifecycle { enabled }` (`count = var.harden ? 1 : 0`, `module.a: for_each = var.buckets`; see
   * cdktf.ts `existenceCondition`). The instance stands for what would be created, and rules judge it
   * so; it credits another resource only where that one exists on the same conditions (an SSE
   * configuration that may not be created leaves its bucket unknown). Absent when it exists for certain.
   */
  readonly existsIf?: readonly string[];
  /**
   * Present when the values stay in the input file (large plans, `plan/store.ts`): their view,
   * read again unless recently used. Keep no reference to it beyond the rule that asked.
   */
  storedView?(): ValueView;
  /** With `storedView`: the link attributes (`links.ts`), kept in memory. */
  readonly links?: Links;
}

/**
 * A block of the code that deploys nothing and is no resource of the graph: an `ephemeral` block
 * (Terraform 1.10, OpenTofu 1.10), read during a run and never stored, or an `action` (Terraform
 * 1.14), which a resource's lifecycle or `terraform apply -invoke` runs. What its arguments write is
 * still code, in clear in the repository, and in a plan's configuration (`ephemeral`) or its
 * `action_invocations` (`no-credentials-in-attributes`).
 */
export interface CodeBlock {
  /** `ephemeral.aws_secretsmanager_secret_version.app`, `module.app.action.aws_lambda_invoke.notify[0]`. */
  readonly address: string;
  readonly kind: 'ephemeral' | 'action';
  readonly type: string;
  /** Module instance address, '' for the root (a plan's configuration: the module's configuration path). */
  readonly module: string;
  /**
   * Its arguments as the code writes them, with references (as a resource's `config`; an action's are
   * those of its `config` block). Absent for a plan's action invocation: its `values` are its arguments.
   */
  readonly config?: ConfigNode;
  /**
   * Its arguments' values where the loader knows them (a configuration loader's literals and what the
   * code fixes; a plan's `action_invocations[].config_values`, which Terraform writes unmarked; the
   * values of an `ephemeral` block are never in a plan), with their unknown and sensitive masks.
   */
  readonly values?: { readonly after: unknown; readonly afterUnknown?: unknown; readonly afterSensitive?: unknown };
  /** cdktf construct path, when the input comes from cdktf. */
  readonly constructPath?: string;
}

/** A provider configuration block: `provider "aws" { alias = "east" … }`. */
/**
 * A managed resource object the plan destroys: deleted (`["delete"]`), or replaced, its old object
 * deleted (`["delete", "create"]`, `["create", "delete"]`). A deposed object (left by an earlier
 * create-before-destroy) carries its deposed key. Such a resource is not in `resources` unless it is
 * replaced; its values are not kept.
 */
export interface DestroyedResource {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly Action[];
  readonly deposed?: string;
  /**
   * Of a replacement: the attributes whose change forces it, as Terraform says (`replace_paths`,
   * the first step of each path: `region` for a resource moved to another Region). Absent when the
   * plan names none (a `-replace`, `replace_triggered_by`, or a Terraform before 1.2).
   */
  readonly replacedBy?: readonly string[];
}

/**
 * Strings of the old state that terraform prints beside a plan's new values and that those do not
 * hold at the same place (`plan/replaced.ts`): of one resource change, one change made outside
 * Terraform, or one output. No rule reads them: the gate masks what the detectors find in them.
 */
export interface ReplacedStrings {
  /** The resource's type; absent for an output. */
  readonly type?: string;
  readonly strings: readonly StringLeaf[];
  /**
   * The old value the strings are of, their paths into it (an output's under its name): what a string is
   * called is read there too, as the rules read the new values (a `{ name = "DB_PASSWORD", value = … }` pair).
   */
  readonly old: unknown;
}

/** A `backend "<type>" { … }` block, or HCP Terraform's `cloud { … }` block (type `cloud`). */
export interface BackendData {
  readonly type: string;
  /**
   * Its settings, as the tool reads them: Terraform takes no expression there, OpenTofu (1.8)
   * evaluates variables and locals at init (a value not known is unknown here).
   */
  readonly settings: ValueView;
  /** A configuration's settings as the code writes them (`"${var.key}"` stays that text): what is written in the code. */
  readonly written?: ValueView;
  /**
   * A configuration's settings as code, where the loader evaluated them (.tf): which values the code
   * alone fixes (a literal, a local's value: `isCodeConstant`), not one given from outside (`-var`).
   */
  readonly config?: ConfigNode;
  /**
   * `configuration`: as the configuration writes it. `init`: as `terraform init` recorded it in the
   * working directory, `-backend-config` values included. `implied`: init configured none, so
   * Terraform uses its implied `local` backend.
   */
  readonly origin: 'configuration' | 'init' | 'implied';
  /**
   * Settings the environment the check runs in gives where the block writes none, by setting, with the
   * variable that gives it (the http backend's `address` from `TF_HTTP_ADDRESS`: backend.ts). Absent when none does.
   */
  readonly environment?: Readonly<Record<string, { readonly variable: string; readonly value: string }>>;
}

/** OpenTofu's `terraform { encryption { … } }` block (state-encryption.ts). */
export interface StateEncryptionData {
  /** The method the `state` block names, declared in the block: its type (`aes_gcm`, `unencrypted`, …) and `<type>.<name>`. */
  readonly method?: { readonly type: string; readonly name: string };
  /** What the `state` block's `method` is, where it names no method the block declares. */
  readonly methodUnread?: string;
  /** `state { enforced = true }`: OpenTofu refuses to write the state unencrypted. */
  readonly enforced: boolean;
  /** `<type>.<name>` of the key provider the state method's `keys` names. */
  readonly keyProvider?: string;
  /**
   * Every key provider block (`terraform.encryption.key_provider.pbkdf2.k`), with its settings as
   * OpenTofu reads them (its variables and locals evaluated, where the loader evaluates them; else
   * as written), as written, and as code (`BackendData.config`).
   */
  readonly keyProviders: readonly {
    readonly address: string;
    readonly type: string;
    readonly settings: ValueView;
    readonly written: ValueView;
    readonly config?: ConfigNode;
    /** Given by `TF_ENCRYPTION` in the environment of the run (the gate's), not written in the code. */
    readonly environment?: true;
    /**
     * No method's `keys` names it, nor the `chain` of a key provider one names: OpenTofu sets it up
     * for nothing, and it sends nothing. Absent where one may (a `keys` the gate cannot read).
     */
    readonly unreferenced?: true;
  }[];
}

export interface ProviderData {
  /** Key as the plan's configuration writes it: `aws`, `aws.east`, `module.app:aws`. */
  readonly key: string;
  /** Local provider name: `aws`. */
  readonly name: string;
  readonly alias?: string;
  /** An instance of a block OpenTofu repeats with `for_each` (1.9), as its index is written: `["eu-west-1"]`. */
  readonly instance?: string;
  /** Module configuration path, '' for the root: `module.app` (no instance keys). */
  readonly module: string;
  readonly fullName?: string;
  /** The block's expressions: `default_tags`, `use_fips_endpoint`, `endpoints`, `access_key`, `region`… */
  readonly config: ConfigNode;
  /**
   * The block's values with their unknown mask, when the loader knows more than `config`'s constants
   * (a configuration loader evaluates `local` values: `default_tags { tags = local.tags }`).
   */
  readonly values?: { readonly after: unknown; readonly unknown: unknown };
}

/**
 * What a configuration says of the version of one provider it uses: `terraform init` installs one
 * version of it for the whole configuration, one every `required_providers` entry admits, and
 * records it in `.terraform.lock.hcl`, which later inits keep to.
 */
export interface ProviderVersion {
  /** Fully qualified, in lower case as the lock file writes it: `registry.terraform.io/hashicorp/aws`. */
  readonly provider: string;
  /** The `version` constraints of its `required_providers` entries, the root module's and every module's read. */
  readonly constraints: readonly string[];
  /** Set when an entry writes its `version` as other than a string (Terraform refuses it). */
  readonly unreadable?: true;
  /** The version `.terraform.lock.hcl` records for it (.tf input only), when the lock file names it. */
  readonly locked?: string;
}

/** A `module "x" { … }` call. */
export interface ModuleCallData {
  /** Configuration path of the module that contains the call, '' for the root. */
  readonly parent: string;
  readonly name: string;
  /** As written: never for display (`git::https://oauth2:glpat-…@gitlab.example.com/…` holds a token). */
  readonly source?: string;
  /**
   * `source` as every report shows it, set with it by every loader (`shownSource`, detect.ts: a URL's user information
   * and secret query values starred, any other credential the detector finds masked): what the coverage and every
   * message that names the call print (`module.net (git::https://***:***@gitlab.example.com/…?private_token=***)`).
   */
  readonly shownSource?: string;
  /** Input expressions by variable name. */
  readonly inputs: Readonly<Record<string, ConfigNode>>;
  /**
   * What each input's own code writes, with the calling module's variables not known, as a plan's
   * `after` (unknown parts left out): set by the configuration loaders, whose `inputs` take the
   * values of the caller's variables. A plan's constant inputs are written constants already.
   */
  readonly written?: Readonly<Record<string, unknown>>;
  /**
   * The call's `for_each` as written (`for_each = { a = { X_ID = "AKIA…" } }`), read as an argument is: its expression
   * (`node`, with the maps known only after apply whole within it) and, set by the configuration loaders, what its own
   * code writes (`written`, as `written` of an argument). What it holds is the call's code, whichever instance reads it.
   */
  readonly forEach?: { readonly node: ConfigNode; readonly written?: unknown };
  /** `providers = { aws = aws.east }`: child key -> parent key. */
  readonly providers?: Readonly<Record<string, string>>;
  /**
   * Of a repeated call, the `providers` entries that name a provider instance per call instance, by
   * the instance's index text (`["eu-west-1"]` -> `{ aws: 'aws.by_region["eu-west-1"]' }`; OpenTofu 1.9).
   */
  readonly instanceProviders?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly repetition?: 'count' | 'for_each';
  /**
   * Configuration loaders, on a call whose `count` or `for_each` is not known and may make more than
   * one instance: that argument as written (`count = var.n`), as `ResourceData.instancesUnknown`. A
   * reference to one instance (`module.m[0].bucket_id`) names one of those its one instance stands
   * for, not all of them. Absent for `count = c ? 1 : 0`, which makes instance [0] or none.
   */
  readonly instancesUnknown?: string;
  /**
   * References of the `for_each` expression, as a plan's `for_each_expression` lists them
   * (`['aws_s3_bucket.m']`): where each instance's `each.value` may come from. Configuration loaders,
   * which see the expression, set it only when it is a bare reference (`for_each = aws_s3_bucket.m`);
   * a plan cannot tell that from a `for` expression over the same resource, and sets it for any
   * for_each expression with references.
   */
  readonly forEachRefs?: readonly string[];
  /**
   * A `for_each` written as a map (in place, or as a local), set by the configuration loaders: the
   * references of each key's element, what an argument's `each.value` names in that instance.
   */
  readonly forEachElements?: Readonly<Record<string, readonly string[]>>;
  /**
   * Set by the configuration loaders (cdktf, HCL) when they did not read the called module, so its
   * resources are missing from the input: why (`remote module source … is not fetched`, the source as
   * `shownSource`). Plans always contain the module's resources and never set it.
   */
  readonly notLoaded?: string;
}

/** An `output "x" { value = … }` of a module (or of the root). */
export interface OutputData {
  /** Configuration path of the module, '' for the root. */
  readonly module: string;
  readonly name: string;
  readonly expr: ConfigNode;
  readonly sensitive?: boolean;
  /**
   * Of a root output in a plan: the value terraform prints for it and keeps in the state
   * (`output_changes.<name>.after`, with its `after_unknown` and `after_sensitive` masks). Absent for
   * a module's output, an output of a configuration input (its `expr` holds what the code fixes) and
   * one the plan removes.
   */
  readonly planned?: ValueView;
}

/** A `local` value a configuration writes: the parts the code fixes (`after`-shaped, unknown parts left out). */
export interface LocalValue {
  /** Module configuration path, '' for the root. */
  readonly module: string;
  readonly name: string;
  readonly value: unknown;
  /** The objects its expression references, through other locals (`aws_s3_bucket.b.id`, `aws_s3_bucket.b`, `var.x`). */
  readonly references: readonly string[];
  /**
   * Of a local that is a map Terraform knows only after apply whole (`{ "${var.project}_ID" = "…" }`,
   * `merge(var.base, { … })`), whose `value` is then none: the values its code writes (`ConfigNode.entriesOfUnknownMap`).
   */
  readonly entriesOfUnknownMap?: readonly WrittenEntry[];
  /** Of a local on a cycle of locals (Terraform refuses it): the locals the cycle goes through, this one first (evaluate.ts `localCycle`). */
  readonly cycle?: readonly string[];
}

/** A variable file beside the root module's code, and what it writes. */
export interface VariableFile {
  /** Its name in the root module's directory: `terraform.tfvars`, `prod.auto.tfvars.json`. */
  readonly file: string;
  /** What each value writes: an unknown part left out (see `partial`). */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * The variables whose value here is not known whole (a number a double does not hold, a name read):
   * the variable takes it as unknown, not as `values` holds it.
   */
  readonly partial?: readonly string[];
  /**
   * The variables whose value here reads a name or calls a function (`x`, `upper("a")`), which
   * terraform refuses where it takes the value (`RefusedRead`); `values` holds what of it is known.
   */
  readonly refused?: Readonly<Record<string, RefusedRead>>;
  /**
   * Of a value not known whole (a template around a name, `"${x}ghp_…"`; a map with a key not known),
   * the values its text writes, by variable (`LocalValue.entriesOfUnknownMap`): in clear in the file all the same.
   */
  readonly entriesOfUnknownMap?: Readonly<Record<string, readonly WrittenEntry[]>>;
}

/** A variable of a module as the configuration declares it. */
export interface VariableDeclaration {
  /** The module's configuration path (`module.app`, '' for the root module). */
  readonly module: string;
  readonly name: string;
  /** `sensitive = true`: Terraform hides the value in its output (not in plan files). */
  readonly sensitive: boolean;
  /** The default, present when the configuration writes one. */
  readonly default?: unknown;
}

/** What one loader read from one input. */
export interface LoadedInput {
  /** The input as the user named it (a path, `-` for stdin, or `cdktf.out/stacks/x/cdk.tf.json`). */
  readonly input: string;
  readonly kind: InputKind;
  /** cdktf stack name, when the input comes from cdktf. */
  readonly stack?: string;
  /**
   * The cdktf stack's construct path (`grp/data` for `new TerraformStack(grp, 'data')`), when known
   * (manifest.json's `constructPath`, or the synthesizing app): cdktf names another stack's reference
   * to it after this path, not after its name.
   */
  readonly stackPath?: string;
  /**
   * The input's file or directory as the file system resolves it (absolute, symbolic links followed), set by
   * `loadInputs` where the input is one: what tells that two names (`app/cdktf.out/…` and `/home/me/app/cdktf.out/…`)
   * are one file, and one cdktf.out, whatever way the user typed them. `input` keeps the name as typed.
   */
  readonly realPath?: string;
  readonly resources: readonly ResourceData[];
  readonly providers: readonly ProviderData[];
  readonly moduleCalls: readonly ModuleCallData[];
  readonly outputs: readonly OutputData[];
  /** Root variable values known to the plan (`variables.x.value`). */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Every module's variable declarations: whether each is sensitive, and the default it writes. */
  readonly variableDeclarations?: readonly VariableDeclaration[];
  /** The `local` values of every module, as far as the code fixes them (configuration loaders only: a plan records none). */
  readonly locals?: readonly LocalValue[];
  /**
   * The variable files Terraform loads by itself from a root module's directory (`terraform.tfvars`,
   * `*.auto.tfvars`, their `.json` forms), in the order it loads them, with the values each writes
   * by variable name. Only the .tf loader reads them.
   */
  readonly variableFiles?: readonly VariableFile[];
  /**
   * Where the root module keeps its state, as a configuration input (cdk.tf.json, .tf) writes it,
   * or as `terraform init` recorded it for the plan `twinguard gate` checks. Absent when a
   * configuration writes none, and for a plan file alone, which does not record it.
   */
  readonly backend?: BackendData;
  /**
   * OpenTofu's state encryption, as the root module's `terraform { encryption { … } }` writes it
   * (configuration inputs, and a plan read with its code). Absent when the code writes none.
   */
  readonly stateEncryption?: StateEncryptionData;
  /**
   * The strings configuration code wraps in `sensitive()` (evaluate.ts): Terraform shows them as
   * `(sensitive value)`, and every report masks them. Absent when there are none.
   */
  readonly sensitiveLiterals?: readonly string[];
  /**
   * Configuration inputs (.tf, cdk.tf.json): the tags the `TF_AWS_DEFAULT_TAGS_<key>` variables of
   * the environment the check runs in give every aws provider configuration, beneath its
   * `default_tags` (default-tags.ts). Absent when there are none.
   */
  readonly environmentDefaultTags?: Readonly<Record<string, string>>;
  /**
   * Configuration inputs: the keys and key prefixes the `TF_AWS_IGNORE_TAGS_KEYS` and
   * `TF_AWS_IGNORE_TAGS_KEY_PREFIXES` variables of the environment add to every aws provider
   * configuration's `ignore_tags` (default-tags.ts). Absent when they name none.
   */
  readonly environmentIgnoreTags?: EnvironmentIgnoreTags;
  /**
   * Configuration inputs, a plan read with its code and the gate's plan: the AWS service endpoints
   * the environment the check (or the gate's terraform) runs in gives where the code sets none
   * (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`: environment-endpoints.ts). Absent when it gives none.
   */
  readonly environmentEndpoints?: EnvironmentEndpoints;
  /**
   * Configuration inputs: the versions of each provider the code requires (`required_providers`)
   * and, for a .tf directory, the one `.terraform.lock.hcl` records. A schema default that changed
   * between provider versions is known only from them. Absent when neither names a version.
   */
  readonly providerVersions?: readonly ProviderVersion[];
  /** The blocks of the code that deploy nothing and are no resource (`CodeBlock`); absent when there are none. */
  readonly codeBlocks?: readonly CodeBlock[];
  /**
   * A plan Terraform says is incomplete (`complete: false`, Terraform 1.8's deferred changes): what it
   * deferred to a later plan, by address and Terraform's reason (`provider_config_unknown`,
   * `instance_count_unknown`…); none for a `-target` plan, which Terraform writes `complete: false`
   * and which leaves out what it does not target. Absent for a complete plan and for configuration inputs.
   */
  readonly incomplete?: { readonly deferred: readonly { readonly address: string; readonly reason: string }[] };
  /**
   * Where what a finding goes on is written in a configuration input (positions.ts): a resource or
   * data block by its configuration address (`module.app.aws_s3_bucket.logs`, no instance keys),
   * a variable, output, local, module call, provider, backend or encryption block by the address findings
   * name it by (`var.token`, `output.db_url`, `provider.aws.east`, `terraform.backend.s3`), a variable file's
   * assignment by `<file> var.<name>`. Only what was found with certainty (.tf and cdk.tf.json
   * input); absent for a plan.
   */
  readonly positions?: Readonly<Record<string, SourcePosition>>;
  /** What a plan destroys (absent for configuration inputs, and for a plan that destroys nothing). */
  readonly destroyed?: readonly DestroyedResource[];
  /**
   * Addresses a plan takes away from objects it keeps: a moved object's old address
   * (`previous_address`, a `moved` block) and an object it forgets (action `forget`, a `removed`
   * block with `destroy = false`), which it neither deletes nor judges. Absent when there are none.
   */
  readonly formerAddresses?: readonly string[];
  /** A plan's strings of the old state terraform prints, when the loader was asked for them (`PlanFileOptions.replaced`). */
  readonly replaced?: readonly ReplacedStrings[];
  readonly meta: {
    readonly formatVersion?: string;
    readonly terraformVersion?: string;
  };
}

/** A resource in the graph: the loader's data plus typed access. */
export interface Resource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly module: string;
  /** Configuration path of the module (instance keys removed): `module.app`. */
  readonly moduleConfigPath: string;
  readonly providerName: string;
  readonly actions: readonly Action[];
  readonly input: string;
  readonly inputKind: InputKind;
  readonly stack?: string;
  readonly constructPath?: string;
  /** A view of all values after apply. */
  readonly values: ValueView;
  /** Shorthand for `values.get(...path)`. */
  attr(...path: PathSeg[]): ValueView;
  /** Every reference in the configuration under this path (all of them for no path). */
  references(...path: PathSeg[]): readonly string[];
  readonly data: ResourceData;
}

/** A provider configuration as seen by a rule. Values that are not constants are unknown. */
export interface ProviderConfig {
  readonly key: string;
  readonly name: string;
  readonly alias?: string;
  readonly module: string;
  readonly input: string;
  readonly values: ValueView;
  readonly data: ProviderData;
}

/** Where an attribute that names another object points. */
export type Resolution =
  /** To these resources of the input (one, or one per instance when the link is across instances). */
  | {
      readonly status: 'resources';
      readonly targets: readonly Resource[];
      readonly via: 'reference' | 'value';
      /** Set when other references of the expression lead elsewhere (a variable, a local): the value may be made of more than the targets. */
      readonly partly?: true;
      /**
       * Set, with `partly`, where the code is at hand and does not give a target's attribute whole: the value may be
       * something else (`var.key != "" ? var.key : aws_kms_key.k.arn` with `var.key` not known, `coalesce(var.key,
       * aws_kms_key.k.arn)`). A plan's configuration lists references only, which do not tell a condition
       * (`var.encrypt ? aws_kms_key.k.arn : null`) from a value, so a plan checked alone never sets it.
       */
      readonly unknownPart?: true;
      /**
       * Set when the target stands for the instances of a block whose `count` or `for_each` is not
       * known (`ResourceData.instancesUnknown`) and the expression names one of them
       * (`aws_s3_bucket.data[0]`): what it names, for a message (`aws_s3_bucket.data[0], one instance of
       * aws_s3_bucket.data, whose \`count = var.n\` has no known value`). The target's configuration is that
       * instance's; whatever links to the target covers that instance only, not all it stands for.
       */
      readonly oneInstance?: string;
    }
  /** To a known value that names nothing in the input (an existing bucket, a literal ARN). */
  | { readonly status: 'value'; readonly value: string }
  /**
   * Cannot tell: the value is unknown and the references lead nowhere the graph can follow, or (`made`) its code
   * makes the value from a resource's attribute by a function or a template (`replace(aws_iam_role.r.arn, …)`,
   * `"${aws_s3_bucket.b.id}-logs"`), which may name another.
   */
  | { readonly status: 'unknown'; readonly reason: string; readonly made?: MadeLink }
  /** Several resources fit and nothing says which. */
  | { readonly status: 'ambiguous'; readonly candidates: readonly Resource[] }
  | { readonly status: 'absent' };

/** How code makes a link's value from a resource's attribute (`Resolution`): `by` `replace()`, or `a template`; `from` that resource. */
export interface MadeLink {
  readonly by: string;
  readonly from: Resource;
}

/** The resources of a type attached to a resource (SSE configurations of a bucket…). */
export interface Attachments {
  /** Resources that point at the subject, by reference or by known value. */
  readonly linked: readonly Resource[];
  /** Resources of the type whose target cannot be determined: any of them may apply to the subject. */
  readonly undetermined: readonly Resource[];
}

/**
 * Whether the `ignore_tags` of an aws resource's provider (its block, or `TF_AWS_IGNORE_TAGS_*`)
 * names a tag key: how it does (`ignore_tags.keys of provider aws`), or undefined. The provider
 * sends such a key on create but never manages it after, and leaves it out of `tags_all`.
 */
export type IgnoredBy = (key: string) => string | undefined;

/** The tags of one replica of a DynamoDB global table (`replicas[].tags`), at `path` (`replicas.1.tags`). */
export interface ReplicaTags {
  readonly path: readonly string[];
  /** Its `region`, where known. */
  readonly region?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly unknownValues: readonly string[];
  readonly sensitiveKeys: readonly string[];
}

/**
 * What tags known only after apply hold whatever their unknown part is: an aws provider's constant
 * `default_tags` under resource tags known only after apply, and the entries those tags hold for
 * certain (`ConfigNode.held`: `merge(var.tags, { Owner = "…" })`).
 */
export interface TagsAtLeast {
  /** The keys the tags hold, with their values as far as known (`tags`), not known (`unknownValues`) or marked sensitive. */
  readonly tags: Readonly<Record<string, string>>;
  readonly unknownValues: readonly string[];
  readonly sensitiveKeys: readonly string[];
  /**
   * The keys whose presence and value the unknown part cannot change (a later `merge` argument writes them; one it
   * writes null the provider sends no tag for, and the key is the default tags' or absent). The unknown part may give
   * the other keys of `tags` other values, never remove them (the resource's tags replace default tags' values).
   */
  readonly fixed: ReadonlySet<string>;
}

/** The tags a resource will carry after apply. */
export type EffectiveTags =
  | {
      readonly status: 'known';
      /** Keys whose values are known. */
      readonly tags: Readonly<Record<string, string>>;
      /** Keys present whose values are unknown at plan time. */
      readonly unknownValues: readonly string[];
      /** Keys that hold a value Terraform marks sensitive (do not print their values). */
      readonly sensitiveKeys: readonly string[];
      /** Set when the resource keeps its provider's `default_tags` off (an S3 object's `override_provider`). */
      readonly withoutDefaultTags?: true;
      readonly ignoredBy?: IgnoredBy;
      /**
       * A DynamoDB global table's replicas, each a table tagged alone: rules judge each replica's set
       * (`tagSets`, graph/tags.ts). The table's own set above is only what they share: the keys every
       * replica carries, with the first replica's value.
       */
      readonly replicas?: readonly ReplicaTags[];
      /**
       * Where the resource's own tags are written, where not at its `tagsAttribute` (graph/tags.ts):
       * a launch template's entry of `tag_specifications` that tags it (`tag_specifications.0.tags`).
       */
      readonly path?: readonly string[];
    }
  /**
   * The set of keys cannot be determined (tags, tags_all or default_tags unknown). `atLeast`: what
   * the tags hold whatever the unknown part is, where that is something.
   */
  | {
      readonly status: 'unknown';
      readonly reason: string;
      readonly atLeast?: TagsAtLeast;
      /** As a known status's: the resource keeps its provider's `default_tags` off (an S3 object's `override_provider`). */
      readonly withoutDefaultTags?: true;
      readonly ignoredBy?: IgnoredBy;
      /**
       * Set where the resource's own tags come from module calls twinguard has not loaded (`tags = module.this.tags`,
       * a registry module not installed), which Terraform reads at plan time: those calls as a message names them
       * (`module.this (cloudposse/label/null)`). The reason says so too.
       */
      readonly notLoaded?: readonly string[];
    }
  /** The resource type takes no tags. */
  | { readonly status: 'not-taggable' };

/** A parsed IAM policy statement, normalized: single values become arrays. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** `"*"` principal is `['*']` under key `*`; `{ AWS: [...], Service: [...] }` otherwise. */
  readonly principals?: Readonly<Record<string, readonly string[]>>;
  readonly notPrincipals?: Readonly<Record<string, readonly string[]>>;
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** operator -> condition key -> values (`{ Bool: { 'aws:SecureTransport': ['false'] } }`). */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** A policy read with its code (`Graph.codePolicy`). */
export interface PolicyReading {
  /** The statements read; any string may hold symbolic tokens (symbolic.ts). */
  readonly statements: readonly PolicyStatement[];
  /** Statements that could not be read (a part unknown, or not a statement twinguard reads). */
  readonly unreadable: number;
  /** False when no string of the statements can hold a token (a document as the plan writes it). */
  readonly symbolic: boolean;
}

export interface Graph {
  readonly inputs: readonly LoadedInput[];
  readonly resources: readonly Resource[];
  readonly providers: readonly ProviderConfig[];
  byAddress(input: string, address: string): Resource | undefined;
  ofType(type: string): readonly Resource[];
  /** The provider configuration that manages this resource (alias- and module-aware). */
  providerOf(resource: Resource): ProviderConfig | undefined;
  /**
   * Where the attribute at `path` of `from` points, by configuration reference when values are
   * unknown, by known value otherwise. `types` limits the targets (`['aws_s3_bucket']`).
   * `attribute` says which attribute of the target is meant (`id`, `arn`, `bucket`) when matching by value.
   */
  resolve(from: Resource, path: readonly PathSeg[], types?: readonly string[]): Resolution;
  /** Resources of `type` whose attribute `via` (default `bucket`) points at `subject`. */
  attached(subject: Resource, type: string, via?: string): Attachments;
  /** Tags after apply: `tags_all` when known, else `tags` over the provider's `default_tags`. */
  effectiveTags(resource: Resource): EffectiveTags;
  /**
   * The statements of a policy attribute: a JSON string (known), or a reference to an
   * `aws_iam_policy_document` data source whose `json` is known or whose statements are constant.
   */
  policy(resource: Resource, path: readonly PathSeg[]): Val<readonly PolicyStatement[]>;
  /**
   * The policy read with its code where the plan knows it only after apply: a resource attribute
   * the code names is a symbolic token (symbolic.ts), a known one its value, and a statement that
   * cannot be read is counted instead of making the whole policy unknown. A rule must treat a token
   * as a value it knows only by the attribute it names.
   */
  codePolicy(resource: Resource, path: readonly PathSeg[]): Val<PolicyReading>;
  /**
   * A string attribute read with its code where the plan knows it only after apply, as `codePolicy`
   * reads a policy: `"arn:${data.aws_partition.p.partition}:iam::aws:policy/X"` is
   * `arn:aws:iam::aws:policy/X`, a resource attribute the code names a symbolic token. Unknown when
   * the code is not at hand or does not make a string.
   */
  codeString(resource: Resource, path: readonly PathSeg[]): Val<string>;
  /**
   * Whether the code of the argument at `path` makes `null` (`policy = var.policy` with a default of
   * null, `var.attach ? data.x.json : null` with attach false): `true`, it does; `false`, it makes a
   * value (or is a constant); `undefined` where the code is not at hand or cannot be evaluated.
   */
  codeNull(resource: Resource, path: readonly PathSeg[]): boolean | undefined;
  /**
   * The value of root output `name` of `input` as terraform prints it after a plan, read with its code: the known
   * values of the resources, data sources and module outputs it reads, at the whole path it steps to
   * (`aws_lambda_function.f.environment[0].variables["TOKEN"]`: Terraform plans a configured value as written), what
   * the code fixes besides; the parts known only after apply unknown. Undefined where the code is not at hand (a plan
   * without it) or makes nothing known; a value Terraform marks sensitive is not read.
   */
  outputValue(input: LoadedInput, name: string): ValueView | undefined;
  /**
   * `answer()`, computed once for the resource asked about last and kept until another is asked
   * about: the engine runs a resource's rules together, and several read the same thing of it.
   */
  recall<T>(resource: Resource, key: string, answer: () => T): T;
}

/**
 * A module call's `source` as `terraform init` records it in `.terraform/modules/modules.json`
 * (`addrs.ParseModuleSource(source).String()`, Terraform 1.11): the shorthands go-getter's
 * detectors expand, so a call written `github.com/org/repo` is known to be the module installed
 * from `git::https://github.com/org/repo.git`. Terraform plans from the installed copy only while
 * this form of the written source equals the recorded one; otherwise it asks for `terraform init`
 * again, and so does the loader (the call stays not loaded).
 *
 * Followed from terraform's internal/addrs/module_source.go and internal/getmodules (with the
 * go-getter detectors Terraform 1.11 enables: GitHub, Git scp-style, Bitbucket, GCS, S3, file),
 * and checked against what `terraform init` 1.11.4 records and prints.
 */

/** The registry's host a source without one names. */
const DEFAULT_REGISTRY_HOST = 'registry.terraform.io';

const REGISTRY_NAME = /^[0-9A-Za-z](?:[0-9A-Za-z-_]{0,62}[0-9A-Za-z])?$/;
const REGISTRY_TARGET_SYSTEM = /^[0-9a-z]{1,64}$/;

/**
 * The source as `terraform init` records it: a local path (`./x`, `../x`), which init does not
 * install, as written; undefined for a source Terraform refuses (a subdirectory leading out of its
 * package, a relative path without `./`, a shorthand no detector reads).
 */
export function recordedModuleSource(written: string): string | undefined {
  if (/^\.\.?[\\/]/.test(written)) return written;
  return registrySource(written) ?? remoteSource(written);
}

/** `NAMESPACE/NAME/SYSTEM` or `HOST/NAMESPACE/NAME/SYSTEM`, with an optional `//subdir`: the host (lower-cased) always written. */
function registrySource(written: string): string | undefined {
  const [address, subdir] = splitSubdir(written);
  if (subdir.startsWith('../')) return undefined;
  const parts = address.split('/');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  let host = DEFAULT_REGISTRY_HOST;
  if (parts.length === 4) {
    // svchost.ForComparison: a hostname (with an optional port) compared lower-cased; punycode is refused.
    host = (parts.shift() as string).toLowerCase();
    if (!/^[a-z0-9.-]+(?::[0-9]+)?$/.test(host) || !host.includes('.') || host.includes('--')) return undefined;
    if (host === 'github.com' || host === 'bitbucket.org') return undefined; // reserved for their repositories
  }
  const [namespace, name, system] = parts;
  if (!REGISTRY_NAME.test(namespace) || !REGISTRY_NAME.test(name) || !REGISTRY_TARGET_SYSTEM.test(system)) return undefined;
  return `${host}/${namespace}/${name}/${system}${subdir === '' ? '' : `//${subdir}`}`;
}

/** A go-getter address: the package as the detectors give it, the subdirectory (cleaned) written before its query. */
function remoteSource(written: string): string | undefined {
  const [address, subdir] = splitSubdir(written);
  if (subdir.startsWith('../')) return undefined;
  const detected = detect(address);
  if (detected === undefined) return undefined;
  const [pkg, detectedSubdir] = splitSubdir(detected);
  const dir = detectedSubdir === '' ? subdir : cleanPath(subdir === '' ? detectedSubdir : `${detectedSubdir}/${subdir}`);
  if (dir.startsWith('../')) return undefined;
  if (dir === '') return pkg;
  const query = pkg.indexOf('?');
  return query === -1 ? `${pkg}//${dir}` : `${pkg.slice(0, query)}//${dir}${pkg.slice(query)}`;
}

/**
 * go-getter's `SourceDirSubdir`: the address and its `//subdir` (cleaned as Go's path.Clean
 * does), a query after the subdirectory moved back onto the address. The `//` of a scheme is not one.
 */
function splitSubdir(source: string): [string, string] {
  const query = source.indexOf('?');
  const stop = query === -1 ? source.length : query;
  const scheme = source.slice(0, stop).indexOf('://');
  const offset = scheme === -1 ? 0 : scheme + 3;
  const at = source.slice(offset, stop).indexOf('//');
  if (at === -1) return [source, ''];
  let address = source.slice(0, offset + at);
  let subdir = source.slice(offset + at + 2);
  const subdirQuery = subdir.indexOf('?');
  if (subdirQuery !== -1) {
    address += subdir.slice(subdirQuery);
    subdir = subdir.slice(0, subdirQuery);
  }
  return [address, subdir === '' ? '' : cleanPath(subdir)];
}

/** Go's path.Clean: `.` and `..` resolved, repeated and trailing slashes dropped, `.` for nothing. */
function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !rooted) out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** go-getter's `Detect` with Terraform's detectors: a forced getter (`git::`) kept, a URL with a scheme as written. */
function detect(address: string): string | undefined {
  const forced = /^([A-Za-z0-9]+)::(.+)$/s.exec(address);
  const src = forced ? forced[2] : address;
  // Go's url.Parse finds a scheme: a letter, then letters, digits, `+`, `-` or `.`, up to a colon.
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(src)) return address;
  for (const detector of DETECTORS) {
    const found = detector(src);
    if (found === undefined) continue;
    if (found === null) return undefined;
    const detectedForce = /^([A-Za-z0-9]+)::(.+)$/s.exec(found);
    const result = detectedForce ? detectedForce[2] : found;
    const force = forced?.[1] ?? detectedForce?.[1];
    return force ? `${force}::${result}` : result;
  }
  return undefined;
}

/** A detector: the address it reads the source as, undefined where it does not apply, null where it refuses it. */
type Detector = (src: string) => string | null | undefined;

const github: Detector = (src) => {
  if (!src.startsWith('github.com/')) return undefined;
  const q = src.indexOf('?');
  const [hostAndPath, query] = q === -1 ? [src, ''] : [src.slice(0, q), src.slice(q + 1)];
  const parts = hostAndPath.split('/');
  if (parts.length < 3) return null;
  let repository = `/${parts[1]}/${parts[2]}`;
  if (!repository.endsWith('.git')) repository += '.git';
  const subdir = parts.length > 3 ? `//${parts.slice(3).join('/')}` : '';
  return `git::https://github.com${repository}${subdir}${query ? `?${query}` : ''}`;
};

/** `git@host:path` (scp style; the user must be `git`), as `ssh://git@host/path`, its query re-encoded as Go's url.Values does. */
const gitScp: Detector = (src) => {
  const matched = /^(?:([^@]+)@)?([^:]+):\/?(.+)$/s.exec(src);
  if (matched === null || matched[1] !== 'git') return undefined;
  const [, , host, rest] = matched;
  const q = rest.indexOf('?');
  const repository = q === -1 ? rest : rest.slice(0, q);
  let query = '';
  if (q !== -1) {
    const encoded = goQueryEncode(rest.slice(q + 1));
    if (encoded === undefined) return null;
    query = encoded === '' ? '' : `?${encoded}`;
  }
  return `git::ssh://git@${host}/${escapePath(repository)}${query}`;
};

const bitbucket: Detector = (src) => {
  if (!src.startsWith('bitbucket.org/')) return undefined;
  const q = src.indexOf('?');
  const repository = q === -1 ? src : src.slice(0, q);
  return `git::https://${repository}${repository.endsWith('.git') ? '' : '.git'}${q === -1 || q === src.length - 1 ? '' : src.slice(q)}`;
};

const gcs: Detector = (src) => {
  if (!src.includes('googleapis.com/')) return undefined;
  const parts = src.split('/');
  if (parts.length < 5) return null;
  return `gcs::https://www.googleapis.com/storage/${parts[2]}/${parts[3]}/${parts.slice(4).join('/')}`;
};

/** `s3-eu-west-1.amazonaws.com/bucket/key` (path style), `bucket.s3-eu-west-1.amazonaws.com/key` and `bucket.s3.eu-west-1.amazonaws.com/key`. */
const s3: Detector = (src) => {
  if (!src.includes('.amazonaws.com/')) return undefined;
  const parts = src.split('/');
  const host = parts[0].split('.');
  const rest = parts.slice(1).join('/');
  if (host.length === 3) return `s3::https://${host[0]}.amazonaws.com/${rest}`;
  if (host.length === 4) return `s3::https://${host[1]}.amazonaws.com/${host[0]}/${rest}`;
  if (host.length === 5 && host[1] === 's3') return `s3::https://s3.${host[2]}.amazonaws.com/${host[0]}/${rest}`;
  return null;
};

/** An absolute path is a package copied from that directory; a relative one Terraform refuses (it needs `./`). */
const file: Detector = (src) => (src === '' ? undefined : src.startsWith('/') ? `file:///${src.slice(1)}` : null);

const DETECTORS: readonly Detector[] = [github, gitScp, bitbucket, gcs, s3, file];

/** Go's url.ParseQuery then Values.Encode: keys sorted, each value query-escaped; undefined where Go refuses the query. */
function goQueryEncode(query: string): string | undefined {
  const values = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) return undefined;
    const eq = pair.indexOf('=');
    const key = goQueryUnescape(eq === -1 ? pair : pair.slice(0, eq));
    const value = goQueryUnescape(eq === -1 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) return undefined;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const keys = [...values.keys()].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  return keys.flatMap((key) => (values.get(key) as string[]).map((value) => `${goQueryEscape(key)}=${goQueryEscape(value)}`)).join('&');
}

function goQueryUnescape(text: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined; // not UTF-8 once unescaped: Go keeps the bytes, and such a ref is not worth matching
  }
}

/** Go's url.QueryEscape: letters, digits and `-_.~` kept, a space as `+`, every other byte as `%XX`. */
const goQueryEscape = (text: string): string => [...Buffer.from(text, 'utf8')].map((b) => (b === 0x20 ? '+' : escapeByte(b, /[A-Za-z0-9\-_.~]/))).join('');

/** Go's URL path escaping: also `$&+,/:;=@` kept. */
const escapePath = (text: string): string => [...Buffer.from(text, 'utf8')].map((b) => escapeByte(b, /[A-Za-z0-9\-_.~$&+,/:;=@]/)).join('');

const escapeByte = (b: number, kept: RegExp): string => (b < 0x80 && kept.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`);

import { recordedModuleSource } from '../../checks/model/module-source';

// Terraform's own cases (internal/addrs/module_source_test.go: the package, then `//` and the subdirectory
// before any query, as String() writes them), and what `terraform init` 1.11.4 printed or recorded for the rest.
describe('recordedModuleSource: a source as terraform init records it in modules.json', () => {
  it.each([
    // registry
    ['hashicorp/subnets/cidr', 'registry.terraform.io/hashicorp/subnets/cidr'],
    ['hashicorp/subnets/cidr//examples/foo', 'registry.terraform.io/hashicorp/subnets/cidr//examples/foo'],
    ['example.com/awesomecorp/network/happycloud', 'example.com/awesomecorp/network/happycloud'],
    ['Example.COM/awesomecorp/network/happycloud//examples/foo', 'example.com/awesomecorp/network/happycloud//examples/foo'],
    // GitHub and Bitbucket shorthands
    ['github.com/hashicorp/terraform-cidr-subnets', 'git::https://github.com/hashicorp/terraform-cidr-subnets.git'],
    ['github.com/hashicorp/terraform-cidr-subnets//example/foo', 'git::https://github.com/hashicorp/terraform-cidr-subnets.git//example/foo'],
    ['github.com/org/repo?ref=v1.0.0', 'git::https://github.com/org/repo.git?ref=v1.0.0'],
    ['github.com/org/repo.git', 'git::https://github.com/org/repo.git'],
    ['github.com/org/repo/modules/x?ref=v2', 'git::https://github.com/org/repo.git//modules/x?ref=v2'],
    ['github.com/org/repo/a//b?ref=v1', 'git::https://github.com/org/repo.git//a/b?ref=v1'],
    ['github.com/org/repo//a/../b/', 'git::https://github.com/org/repo.git//b'],
    ['git::github.com/org/repo', 'git::https://github.com/org/repo.git'],
    ['bitbucket.org/org/repo?ref=v1', 'git::https://bitbucket.org/org/repo.git?ref=v1'],
    // git over SSH, scp style: the query re-encoded, keys sorted
    ['git::git@example.com:code/baz.git', 'git::ssh://git@example.com/code/baz.git'],
    ['git::git@example.com:code/baz.git//bleep/bloop', 'git::ssh://git@example.com/code/baz.git//bleep/bloop'],
    ['git@github.com:org/repo.git?ref=v1&depth=1', 'git::ssh://git@github.com/org/repo.git?depth=1&ref=v1'],
    ['git@github.com:org/repo.git//sub?ref=feature/x', 'git::ssh://git@github.com/org/repo.git//sub?ref=feature%2Fx'],
    ['git@GitHub.com:Org/Repo.git', 'git::ssh://git@GitHub.com/Org/Repo.git'],
    // URLs as written, the subdirectory before the query
    ['git://example.com/code/baz.git//bleep/bloop', 'git://example.com/code/baz.git//bleep/bloop'],
    ['git::https://example.com/code/baz.git//bleep/bloop?otherthing=blah', 'git::https://example.com/code/baz.git//bleep/bloop?otherthing=blah'],
    ['git::https://Example.COM/repo.git', 'git::https://Example.COM/repo.git'],
    ['https://example.com/module?archive=tar&checksum=blah', 'https://example.com/module?archive=tar&checksum=blah'],
    ['dfgdfgsd:dgfhdfghdfghdfg/dfghdfghdfg', 'dfgdfgsd:dgfhdfghdfghdfg/dfghdfghdfg'],
    // cloud storage
    ['www.googleapis.com/storage/v1/BUCKET_NAME/PATH/TO/module.zip', 'gcs::https://www.googleapis.com/storage/v1/BUCKET_NAME/PATH/TO/module.zip'],
    ['s3-eu-west-1.amazonaws.com/examplecorp-terraform-modules/vpc.zip', 's3::https://s3-eu-west-1.amazonaws.com/examplecorp-terraform-modules/vpc.zip'],
    ['bucket.s3.eu-west-1.amazonaws.com/key.zip', 's3::https://s3.eu-west-1.amazonaws.com/bucket/key.zip'],
    ['bucket.s3-eu-west-1.amazonaws.com/key.zip', 's3::https://s3-eu-west-1.amazonaws.com/bucket/key.zip'],
    // absolute paths: a package copied from the directory, the path itself not cleaned
    ['/tmp/foo/example', 'file:///tmp/foo/example'],
    ['/tmp/foo//example', 'file:///tmp/foo//example'],
    ['/tmp/foo//./example/', 'file:///tmp/foo//example'],
    ['/tmp/foo/../foo/example', 'file:///tmp/foo/../foo/example'],
    ['git::file:///tmp/repo//a/../sub/?ref=v1', 'git::file:///tmp/repo//sub?ref=v1'],
    // local paths are not installed: as written
    ['./modules/queue', './modules/queue'],
  ])('%s is recorded as %s', (written, recorded) => {
    expect(recordedModuleSource(written)).toBe(recorded);
  });

  it.each([
    ['/tmp/foo//example/../../invalid', 'a subdirectory leading out of its package'],
    ['boop/bloop', 'a relative path without ./'],
    ['GitHub.com/org/repo', 'a shorthand no detector reads (they compare case-sensitively)'],
    ['deploy@example.com:org/repo.git', 'scp style with a user other than git'],
    ['storage.googleapis.com/bucket/foo.zip', 'a GCS address of too few parts'],
  ])('%s is refused by terraform init (%s): none', (written) => {
    expect(recordedModuleSource(written)).toBeUndefined();
  });
});

import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runRules } from '../../../checks/engine';
import { buildGraph } from '../../../checks/model/graph';
import { loadPlanFile, parsePlanDocument } from '../../../checks/model/plan';
import rule from '../../../checks/rules/sensitive-data/no-credentials-in-attributes';
import { describeWithShared, REAL_PLANS_DIR } from '../../helpers/shared';
import { DEFAULT_SETTINGS } from '../../../checks/settings';
import { ruleTable } from '../../helpers/rule-table';
import { graphOf, plan, res } from '../../helpers/plan-builder';
import { checkFindings, twinguard, withFiles } from '../../cli/run';
import { FORMATS } from '../../../checks/check';

ruleTable(rule, [
  // After a header's name and a space alone, prose names the scheme and then an identifier made of words: no credential.
  {
    name: 'compliant: prose naming the Authorization header, a scheme, then words joined by `_` or `-` with a digit',
    plan: plan([
      res('aws_ssm_parameter.a', { name: 'a', type: 'String', value: 'The API checks the Authorization bearer token_issued_by_cognito_v2 on each call' }),
      res('aws_ssm_parameter.b', { name: 'b', type: 'String', value: 'Clients send an Authorization token e2e-integration-tests-2024 in staging' }),
      res('aws_ssm_parameter.c', { name: 'c', type: 'String', value: 'Authorization Token authentication_required_for_v2_api' }),
    ]),
    expect: { 'aws_ssm_parameter.a': 'pass', 'aws_ssm_parameter.b': 'pass', 'aws_ssm_parameter.c': 'pass' },
  },
  // A UUID is a token where a header, a scheme or a credential's name goes with it; elsewhere it names a resource.
  {
    name: 'fail: a UUID as an Authorization header\'s token after a space alone, or after a scheme under a name of an authorization, masked',
    plan: plan([
      res('aws_ssm_parameter.nginx', { name: 'nginx', type: 'String', value: 'location / {\n  proxy_set_header Authorization "Bearer 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f";\n}' }),
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { UPSTREAM_AUTH: 'token 550e8400-e29b-41d4-a716-446655440000' } }] }),
    ]),
    expect: { 'aws_ssm_parameter.nginx': 'fail', 'aws_lambda_function.f': 'fail' },
    message: /^`(value|environment\.0\.variables\.UPSTREAM_AUTH)` holds an HTTP Authorization header's credentials \((Bearer|Token)\) \((3f2a|550e)\*\*\*\)/,
  },
  {
    name: 'fail: a scheme and token under the name of an authorization header (AUTHORIZATION_HEADER, AUTH_HEADER, authHeader, X_AUTH_HEADER), masked',
    plan: plan([
      res('aws_lambda_function.a', { function_name: 'a', environment: [{ variables: { AUTHORIZATION_HEADER: 'Bearer 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f' } }] }),
      res('aws_lambda_function.b', { function_name: 'b', environment: [{ variables: { AUTH_HEADER: 'Bearer 9f8e7d6c5b4a39281706abcdef12' } }] }),
      res('aws_lambda_function.c', { function_name: 'c', environment: [{ variables: { authHeader: 'Bearer 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f' } }] }),
      res('aws_lambda_function.d', { function_name: 'd', environment: [{ variables: { X_AUTH_HEADER: 'Bearer 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f' } }] }),
    ]),
    expect: { 'aws_lambda_function.a': 'fail', 'aws_lambda_function.b': 'fail', 'aws_lambda_function.c': 'fail', 'aws_lambda_function.d': 'fail' },
    message: /^`environment\.0\.variables\.(AUTHORIZATION_HEADER|AUTH_HEADER|authHeader|X_AUTH_HEADER)` holds an HTTP Authorization header's credentials \(Bearer\) \((3f2a|9f8e)\*\*\*\)/,
  },
  // The other HTTP authentication schemes: their credentials (a token; Digest's response, SigV4's signature) masked, what
  // names the request (Digest's user name, realm and nonce, SigV4's signed headers) shown.
  {
    name: 'fail: the credentials of Digest, AWS4-HMAC-SHA256, Negotiate, NTLM, ApiKey, Api-Key and SSWS under a header\'s name or in a command, masked',
    plan: plan([
      res('aws_lambda_function.digest', {
        function_name: 'digest',
        environment: [{ variables: { Authorization: 'Digest username="deploy", realm="api@example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/v1/hook", response="6629fae49393a05397450978507c4ef1"' } }],
      }),
      res('aws_apigatewayv2_integration.sigv4', {
        api_id: 'a1b2c3d4e5',
        integration_type: 'HTTP_PROXY',
        request_parameters: { 'overwrite:header.Authorization': 'AWS4-HMAC-SHA256 Credential=AKIAJ7Q2ZRXW5LM3NB4T/20240501/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=3c9f1a7e2b8d4f6a0e5c7b9d1f3a5c7e9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a' },
      }),
      res('aws_lambda_function.negotiate', { function_name: 'negotiate', environment: [{ variables: { PROXY_AUTH: 'Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYK' } }] }),
      res('aws_ssm_parameter.ntlm', { name: 'ntlm', type: 'String', value: "curl -fsS -H 'Proxy-Authorization: NTLM TlRMTVNTUAADAAAAGAAYAEAAAAAYABgAWAAAAAwADABwAAAACAAIAHwAAAAQABAAhq7R6s5T4u3Zq8Wv3xLm9KpQ2rT5uV8w' https://proxy.example.com" }),
      res('aws_ssm_parameter.apikey', { name: 'es-probe', type: 'String', value: 'curl -H "Authorization: ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==" https://es.example.com:9200' }),
      res('aws_lambda_function.apikey', { function_name: 'apikey', environment: [{ variables: { Authorization: 'Api-Key 9f8e7d6c5b4a39281706abcdef12q7R6s5T4u3' } }] }),
      res('aws_ssm_parameter.okta', { name: 'okta', type: 'String', value: 'proxy_set_header Authorization "SSWS 00QCjAl4MlV-WPXM-0K4mKkY2g5Rz8Tq7Hb3Nc9Xs";' }),
    ]),
    expect: {
      'aws_lambda_function.digest': 'fail',
      'aws_apigatewayv2_integration.sigv4': 'fail',
      'aws_lambda_function.negotiate': 'fail',
      'aws_ssm_parameter.ntlm': 'fail',
      'aws_ssm_parameter.apikey': 'fail',
      'aws_lambda_function.apikey': 'fail',
      'aws_ssm_parameter.okta': 'fail',
    },
    message: /^`[^`]+` holds (?:an HTTP Authorization header's credentials \((?:Digest|AWS4-HMAC-SHA256|Negotiate|NTLM|ApiKey|Api-Key|SSWS)\) \((?:6629|3c9f|YIIG|TlRM|9f8e|00QC)?\*\*\*\)|an AWS access key id \(AKIA\*\*\*\))(?!.*(?:fae49393|1a7e2b8d|oIIGejCC|AAAAGAAYAEAA|ZGJrUW0t|5b4a3928|0K4mKkY2|J7Q2ZRXW))/,
  },
  {
    name: 'compliant: a header\'s name and an authorization type are not an authorization (auth_header_name = "Authorization", authorization_type = "AWS_IAM")',
    plan: plan([
      res('aws_lambda_function.h', { function_name: 'h', environment: [{ variables: { auth_header_name: 'Authorization', AUTH_HEADER_NAME: 'X-Api-Key' } }] }),
      res('aws_api_gateway_method.m', { rest_api_id: 'r', resource_id: 'x', http_method: 'GET', authorization_type: 'AWS_IAM', authorization: 'AWS_IAM' }),
    ]),
    expect: { 'aws_lambda_function.h': 'pass', 'aws_api_gateway_method.m': 'pass' },
  },
  {
    name: 'compliant: UUIDs naming resources (ids, ARNs, a workspace id in a variable and in prose)',
    plan: plan([
      res('aws_iottwinmaker_workspace.w', { workspace_id: '550e8400-e29b-41d4-a716-446655440000', arn: 'arn:aws:iottwinmaker:eu-west-1:123456789012:workspace/550e8400-e29b-41d4-a716-446655440000', description: 'workspace 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f of the plant' }),
      res('aws_lambda_function.g', { function_name: 'g', environment: [{ variables: { WORKSPACE_ID: '550e8400-e29b-41d4-a716-446655440000', ID: '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f', REQUEST_ID: '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f' } }] }),
    ]),
    expect: { 'aws_iottwinmaker_workspace.w': 'pass', 'aws_lambda_function.g': 'pass' },
  },
  {
    name: 'compliant: URLs without credentials, placeholders, role ids, hashes and ordinary values',
    plan: plan([
      res('aws_lambda_function.f', {
        function_name: 'f',
        environment: [{ variables: { API_URL: 'https://api.example.com/v1?region=eu&page=2', DB_URL: 'postgres://app@db.internal:5432/app', TEMPLATE: 'https://${USER}:${PASSWORD}@host/', ROLE_ID: 'AROAEXAMPLEROLEID1234', COMMIT: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b' } }],
      }),
      res('aws_s3_bucket_policy.p', { bucket: 'b', policy: JSON.stringify({ Statement: [{ Condition: { StringLike: { 'aws:userid': 'AIDAEXAMPLEUSERID1234:*' } } }] }) }),
      res('aws_iam_access_key.k', { user: 'ci', id: 'AKIAIOSFODNN7EXAMPLE' }),
    ]),
    expect: { 'aws_lambda_function.f': 'pass', 'aws_s3_bucket_policy.p': 'pass', 'aws_iam_access_key.k': 'pass' },
  },
  // Review rv-rt-leaks F2: shapes under neutral names, which only their shape gives away.
  {
    name: 'fail: Slack Workflow Builder webhooks and an xoxc- token, a Stripe test key and webhook secret, a Go MySQL DSN, a Google access token, masked',
    plan: plan(
      Object.entries({
        workflow: 'https://hooks.slack.com/workflows/T0AB12CDE/A0FG34HIJ/123456789012345678/Q8agOMTNwncxvjcnqcMUP6n0',
        triggers: 'https://hooks.slack.com/triggers/T0AB12CDE/1234567890123/0adb59261ff2d3c425c8d99d19bdd0b6',
        xoxc: 'xoxc-1234567890-1234567890-1234567890-7ee5fc324bdb2e1142a21c402364f9572b85a8e48f687ab165c58ac5831be38c',
        stripe_test: 'sk_test_VZxqyxKjxvWfColNV9ds0HqtO93L7Q5uUaVcojsN',
        whsec: 'whsec_OBAGx5diFoNPcbdaKwtgHwIoALtLinxN',
        dsn: 'appuser:1Ekia7ZpTjCgeO@tcp(db.example.com:3306)/app?parseTime=true',
        oauth: 'ya29.fhdZxEuhnbzs0z1wNiMg9aW37k5wCnHDepQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedonuSsddfrfifiUziXnFAAoeelK9mqmALOR2HcSGKgVP8Kd0d3mS8gBlKv3azKgaS_m_x',
      }).map(([name, value]) => res(`aws_lambda_function.${name}`, { function_name: name, environment: [{ variables: { V_VALUE: value } }] })),
    ),
    expect: Object.fromEntries(['workflow', 'triggers', 'xoxc', 'stripe_test', 'whsec', 'dsn', 'oauth'].map((name) => [`aws_lambda_function.${name}`, 'fail'])),
    message:
      /^`environment\.0\.variables\.V_VALUE` holds (?:a Slack webhook URL \(http\*\*\*\)|a Slack token \(xoxc\*\*\*\)|a Stripe secret key \(sk_t\*\*\*\)|a Stripe webhook signing secret \(whse\*\*\*\)|a database connection string with a password in it \(\*\*\*:\*\*\*@tcp\(db\.example\.com:3306\)\/app\)|a Google OAuth access token \(ya29\*\*\*\))\./,
  },
  // Review rv-rt-leaks F6: private keys in the SSH2 (RFC 4716) and PuTTY formats, under neutral names.
  {
    name: 'fail: an SSH2 private key and a PuTTY key file, masked to their first line',
    plan: plan([
      res('aws_lambda_function.ssh2', { function_name: 'ssh2', environment: [{ variables: { V_KEY: '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nhSQK/lb09rIFxUeuVaT5jpTFPWhLn/5drcFlCxvnNGdcmyHc7E4nSmwfIp7/Jopp\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n' } }] }),
      res('aws_lambda_function.putty', {
        function_name: 'putty',
        environment: [{ variables: { V_KEY: 'PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: k\nPublic-Lines: 1\nAAAAB3NzaC1yc2EAAAADAQABAAAAgQ\nPrivate-Lines: 1\nZ4RlvUOUjNwoLR1uLAy0xhnTf0baNaMYmbdzw/Isz0psundmjv+73hbPsETJveIm\nPrivate-MAC: 2b6ec017c1e1777155a0e9d8f27c7d9cf07255bc509cb3acac23db7c6e9b7d18\n' } }],
      }),
    ]),
    expect: { 'aws_lambda_function.ssh2': 'fail', 'aws_lambda_function.putty': 'fail' },
    message: /^`environment\.0\.variables\.V_KEY` holds a private key \((?:---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----|PuTTY-User-Key-File-3: ssh-rsa)\*\*\*\)\./,
  },
  // Review rv-rt-leaks F1: base64gzip() user data (and cloudinit_config's default gzip) held the token a .tf's template showed.
  {
    name: "fail: a token in a launch template's gzip-compressed, base64-encoded user data, masked",
    plan: plan([
      res('aws_launch_template.gz', { name: 'gz', user_data: gzipSync(Buffer.from('#!/bin/bash\nexport SLACK_TOKEN=xoxb-123456789012-1234567890123-bqnsGpWLuqIA1id6Vw5DQL05\n')).toString('base64') }),
      res('aws_launch_template.ok', { name: 'ok', user_data: gzipSync(Buffer.from('#!/bin/bash\necho ready\n')).toString('base64') }),
    ]),
    expect: { 'aws_launch_template.gz': 'fail', 'aws_launch_template.ok': 'pass' },
    message: /^`user_data` holds a Slack token, gzip-compressed, base64-encoded \(xoxb\*\*\*\)\./,
  },
  // Review rv-rt-leaks F3: a Slack webhook and a database URL percent-encoded in a query value.
  {
    name: 'fail: a Slack webhook and a database URL with a password, percent-encoded in a query value, masked',
    plan: plan([
      res('aws_lambda_function.slack', { function_name: 'slack', environment: [{ variables: { V_URL: 'https://example.com/notify?target=https%3A%2F%2Fhooks.slack.com%2Fservices%2F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' } }] }),
      res('aws_lambda_function.pg', { function_name: 'pg', environment: [{ variables: { V_URL: 'https://example.com/x?db=postgres%3A%2F%2Fappuser%3AprBGumXxY9B4bZ%40db.example.com%3A5432%2Fapp' } }] }),
      res('aws_lambda_function.ok', { function_name: 'ok', environment: [{ variables: { V_URL: 'https://example.com/r?next=https%3A%2F%2Fapp.example.com%2Fhome' } }] }),
    ]),
    expect: { 'aws_lambda_function.slack': 'fail', 'aws_lambda_function.pg': 'fail', 'aws_lambda_function.ok': 'pass' },
    message: /^`environment\.0\.variables\.V_URL` holds (?:a Slack webhook URL, percent-encoded \(http\*\*\*\)|a URL with credentials in it, percent-encoded \(postgres:\/\/\*\*\*:\*\*\*@db\.example\.com:5432\/\.\.\.\))\./,
  },
  // terraform-aws-modules/autoscaling and ec2-instance: user_data = base64encode(local.user_data); a plan holds it so.
  {
    name: "fail: a password in a URL inside a launch template's base64-encoded user data, masked",
    plan: plan([
      res('aws_launch_template.lt', { name: 'lt', user_data: Buffer.from('#!/bin/bash\nexport DATABASE_URL=postgres://admin:Sup3rS3cret@db.internal:5432/app\n').toString('base64') }),
      res('aws_launch_template.ok', { name: 'ok', user_data: Buffer.from('#!/bin/bash\necho ready\n').toString('base64') }),
      // terraform-aws-modules/s3-object passes content_base64 through.
      res('aws_s3_object.env', { bucket: 'b', key: '.env', content_base64: Buffer.from('DATABASE_URL=postgres://admin:Sup3rS3cret@db.internal:5432/app\n').toString('base64') }),
    ]),
    expect: { 'aws_launch_template.lt': 'fail', 'aws_launch_template.ok': 'pass', 'aws_s3_object.env': 'fail' },
    message: /^`(user_data|content_base64)` holds a URL with credentials in it \(postgres:\/\/\*\*\*:\*\*\*@db\.internal:5432\/\.\.\.\)/,
  },
  // A query value a shell fills in is no literal secret; a literal one beside it is.
  {
    name: 'a token in a URL\'s query that user data takes from a shell variable passes; a literal signature after it fails',
    plan: plan([
      res('aws_instance.ok', { ami: 'ami-12345678', user_data: '#!/bin/bash\ncurl -fsS "https://hooks.example.com/deploy?token=${DEPLOY_TOKEN}" -o /dev/null\n' }),
      res('aws_instance.sig', { ami: 'ami-12345678', user_data: '#!/bin/bash\ncurl -fsS "https://hooks.example.com/deploy?token=${DEPLOY_TOKEN}&sig=Ab3dE6gH9" -o /dev/null\n' }),
    ]),
    expect: { 'aws_instance.ok': 'pass', 'aws_instance.sig': 'fail' },
    message: /^`user_data` holds a URL with a secret in its query \(sig\) \(https:\/\/hooks\.example\.com\/\.\.\.\)/,
  },
  // GitHub's documented clone form `https://<token>@github.com/…`: a token as the URL's user, no password.
  {
    name: "fail: a token as a URL's user, no password (an old GitHub token, an Azure DevOps personal access token), masked",
    plan: plan([
      res('aws_codebuild_project.p', { name: 'p', source: [{ type: 'GITHUB', location: 'https://a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0@github.com/acme/app.git' }] }),
      res('aws_codebuild_project.q', { name: 'q', source: [{ type: 'CODECOMMIT', location: 'https://q7w3e5r2t8y6u4i9o1p0a3s5d7f9g2h4j6k8l1z3x5c7v9b2n4m6@dev.azure.com/acme/proj/_git/app' }] }),
    ]),
    expect: { 'aws_codebuild_project.p': 'fail', 'aws_codebuild_project.q': 'fail' },
    message: /^`source\.0\.location` holds a URL with credentials in it \(https:\/\/\*\*\*@(github\.com|dev\.azure\.com)\/\.\.\.\)/,
  },
  {
    name: "compliant: a URL's user that is a name, a placeholder, a Sentry DSN's public key, an address in a path",
    plan: plan([
      res('aws_codebuild_project.p', { name: 'p', source: [{ type: 'BITBUCKET', location: 'https://jdoe@bitbucket.org/acme/app.git' }] }),
      res('aws_codebuild_project.q', { name: 'q', source: [{ type: 'GITHUB', location: 'https://x-access-token@github.com/acme/app.git' }] }),
      res('aws_lambda_function.f', {
        function_name: 'f',
        environment: [{ variables: { SENTRY_DSN: 'https://ebfa18516de1d5db1d40c26306567028@o450000.ingest.sentry.io/5012345', REPO: 'https://oauth2@gitlab.com/acme/app.git', TEMPLATE: 'https://${GITHUB_TOKEN}@github.com/acme/app.git', ARCHIVE: 's3://acme-exports/me@company.com/2024.zip' } }],
      }),
    ]),
    expect: { 'aws_codebuild_project.p': 'pass', 'aws_codebuild_project.q': 'pass', 'aws_lambda_function.f': 'pass' },
  },
  {
    name: 'fail: a password in a URL',
    plan: plan([res('aws_db_instance.db', { identifier: 'db', replicate_source_db: 'mysql://admin:Sup3rS3cret@db.example.com:3306/app' })]),
    expect: { 'aws_db_instance.db': 'fail' },
    message: /^`replicate_source_db` holds a URL with credentials in it \(mysql:\/\/\*\*\*:\*\*\*@db\.example\.com:3306\/\.\.\.\)/,
  },
  {
    name: 'fail: tokens in query strings (token, access_token, presigned X-Amz-Signature, sig, password)',
    plan: plan([
      res('aws_cloudwatch_event_api_destination.a', { name: 'a', invocation_endpoint: 'https://hooks.example.com/in?token=abc123def' }),
      res('aws_cloudwatch_event_api_destination.b', { name: 'b', invocation_endpoint: 'https://hooks.example.com/in?x=1&access_token=abc123def' }),
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { MODEL: 'https://b.s3.amazonaws.com/m.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024' } }] }),
      res('aws_ssm_parameter.p', { name: 'p', type: 'String', value: 'https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=AbCdEf1234%3D' }),
      res('aws_sqs_queue.q', { name: 'q', redrive_policy: '{"callback":"https://example.com/cb?password=letmein99"}' }),
    ]),
    expect: {
      'aws_cloudwatch_event_api_destination.a': 'fail',
      'aws_cloudwatch_event_api_destination.b': 'fail',
      'aws_lambda_function.f': 'fail',
      'aws_ssm_parameter.p': 'fail',
      'aws_sqs_queue.q': 'fail',
    },
    message: /a URL with a secret in its query/,
  },
  {
    name: 'fail: an access key and its secret in environment variables',
    plan: plan([res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } }] })]),
    expect: { 'aws_lambda_function.f': 'fail' },
    message: /an AWS (access key id \(AKIA\*\*\*\)|secret access key \(wJal\*\*\*\))/,
  },
  {
    name: 'fail: a private key and a GitHub token inside a JSON document',
    plan: plan([
      res('aws_ecs_task_definition.t', { family: 't', container_definitions: JSON.stringify([{ name: 'app', environment: [{ name: 'GH', value: 'ghp_0123456789abcdefghijABCDEFGHIJ012345' }] }]) }),
      res('aws_instance.i', { ami: 'ami-12345678', user_data: 'cat > key <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\nEOF' }),
    ]),
    expect: { 'aws_ecs_task_definition.t': 'fail', 'aws_instance.i': 'fail' },
    message: /holds (a GitHub token \(ghp_\*\*\*\)|a private key \(-----BEGIN OPENSSH PRIVATE KEY-----\*\*\*\))/,
  },
  {
    // The name quoted: a JSON file the user data writes, a JSON document a container's command echoes.
    name: 'fail: a credential after its quoted name in user data and in a command, the value masked',
    plan: plan([
      res('aws_launch_template.lt', { name: 'lt', user_data: Buffer.from(`#!/bin/bash\ncat > /etc/app/config.json <<'JSON'\n{"db_host": "db.internal", "db_password": "Zq8Wv3xLm9Kp"}\nJSON\n`).toString('base64') }),
      res('aws_ecs_task_definition.t', { family: 't', container_definitions: JSON.stringify([{ name: 'app', image: 'nginx', command: ['sh', '-c', 'echo \'{"password": "Zq8Wv3xLm9Kp"}\' > /app/secrets.json && exec app'] }]) }),
    ]),
    expect: { 'aws_launch_template.lt': 'fail', 'aws_ecs_task_definition.t': 'fail' },
    message: /^`(user_data|container_definitions)` holds a credential written as `"(db_)?password":…` \(Zq8W?\*\*\*\)/,
  },
  {
    // terraform-compliance's tc.tags-alb-modules fixture: a template's placeholder, the variable's own name.
    name: 'compliant: a value under a credential\'s name that is that name (a placeholder), and an SSH public key',
    plan: plan([
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { DB_PASSWORD: 'DB_PASSWORD', api_token: 'API-TOKEN', DB_PORT: '5432' } }] }),
      res('aws_transfer_ssh_key.k', { server_id: 's-1', user_name: 'u', body: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', ssh_key: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA3Tz2Wb4Kc1Ym6Fd3Hs5Jp0Ae8Gu2R8nLq2Vx7Tz9Wb4 deploy' }),
      res('aws_lambda_function.g', { function_name: 'g', environment: [{ variables: { DB_PASSWORD: 'DB_PASSWORD_2024' } }] }),
    ]),
    expect: { 'aws_lambda_function.f': 'pass', 'aws_transfer_ssh_key.k': 'pass', 'aws_lambda_function.g': 'fail' },
  },
  {
    // A second database's, a key in rotation: the exemption cut no number, so `DB_PASSWORD2` failed where `DB_PASSWORD` passed.
    // Review r1 (envname): the numbered form then passed under a scalar credential argument too (`password = "ADMIN_PASSWORD1"`).
    name: 'environment variables\' names that name a credential, numbered, pass in a list or under a name that lists names; under a scalar credential argument, with a longer number, or as the name it is written under with a number, a name is a password made of one and fails',
    plan: plan([
      res('aws_lambda_function.names', { function_name: 'names', secret_keys: ['DB_PASSWORD2', 'API_TOKEN_1', 'DB_PASSWORD'], environment: [{ variables: { API_TOKEN: 'GITHUB_TOKEN' } }] }),
      res('aws_lambda_function.listed', { function_name: 'listed', environment: [{ variables: { SECRET_NAMES: 'DB_PASSWORD2' } }], secret_key: ['API_TOKEN_1'] }),
      res('aws_db_instance.admin', { identifier: 'admin', engine: 'postgres', instance_class: 'db.t3.micro', username: 'admin', password: 'ADMIN_PASSWORD1' }),
      res('aws_rds_cluster.master', { cluster_identifier: 'master', engine: 'aurora-postgresql', master_username: 'admin', master_password: 'MASTER_PASSWORD_12' }),
      res('aws_lambda_function.scalar', { function_name: 'scalar', environment: [{ variables: { API_TOKEN: 'GITHUB_TOKEN_2' } }] }),
      res('aws_lambda_function.own', { function_name: 'own', environment: [{ variables: { DB_PASSWORD: 'DB_PASSWORD2' } }] }),
      res('aws_lambda_function.rotated', { function_name: 'rotated', environment: [{ variables: { PASSWORD_2: 'PASSWORD_1' } }] }),
      res('aws_lambda_function.year', { function_name: 'year', secret_keys: ['DB_PASSWORD_2024'] }),
      res('aws_lambda_function.count', { function_name: 'count', environment: [{ variables: { api_token: 'ADMIN_PASSWORD123' } }] }),
    ]),
    expect: {
      'aws_lambda_function.names': 'pass',
      'aws_lambda_function.listed': 'pass',
      'aws_db_instance.admin': 'fail',
      'aws_rds_cluster.master': 'fail',
      'aws_lambda_function.scalar': 'fail',
      'aws_lambda_function.own': 'fail',
      'aws_lambda_function.rotated': 'fail',
      'aws_lambda_function.year': 'fail',
      'aws_lambda_function.count': 'fail',
    },
    message: /holds a value its name marks as a credential \((DB_P?|PA|ADMI?|MAST?|GITH?)\*\*\*\)/,
  },
  {
    // A fine-grained token's prefix holds no `gh`, the classic tokens' hint: it passed everywhere.
    name: 'fail: a fine-grained GitHub token in an environment variable',
    plan: plan([res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { UPSTREAM: 'github_pat_11ABCDEFG0aBcDeFiJkL_mNoPqRsTuVwXyZ0123456789aBcDeFiJkLmNoPqRsTuVwXyZ01234' } }] })]),
    expect: { 'aws_lambda_function.f': 'fail' },
    message: /^`environment\.0\.variables\.UPSTREAM` holds a GitHub token \(gith\*\*\*\)/,
  },
  {
    // Terraform's jsonencode writes & < > as \u0026 \u003c \u003e: a URL's match stopped at the backslash.
    name: 'fail: URLs with a secret after a `&` inside a document jsonencode wrote',
    plan: plan([
      res('aws_ecs_task_definition.hook', { family: 'h', container_definitions: '[{"environment":[{"name":"HOOK","value":"https://hooks.example.com/notify?team=ops\\u0026token=Ab3dE6gH9jK2mN5pQ8"}],"name":"web"}]' }),
      res('aws_ecs_task_definition.db', { family: 'd', container_definitions: '[{"environment":[{"name":"DB_URL","value":"postgres://app:Zq8\\u0026Wv3Tt5x@db.example.com/app"}],"name":"web"}]' }),
    ]),
    expect: { 'aws_ecs_task_definition.hook': 'fail', 'aws_ecs_task_definition.db': 'fail' },
    message: /a URL with (a secret in its query \(token\) \(https:\/\/hooks\.example\.com\/\.\.\.\)|credentials in it \(postgres:\/\/\*\*\*:\*\*\*@db\.example\.com\/\.\.\.\))/,
  },
  {
    name: 'not applicable: data sources',
    plan: plan([res('data.aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { K: 'AKIAIOSFODNN7EXAMPLE' } }] })]),
    expect: { 'data.aws_lambda_function.f': 'not-applicable' },
  },
  {
    name: 'unknown at plan: values known only after apply and sensitive values passed in by reference are not read (pass)',
    plan: plan([
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { DB: null } }] }, { unknown: { environment: [{ variables: { DB: true } }] } }),
      res(
        'aws_db_instance.db',
        { identifier: 'db', password: 'postgres://a:b@c' },
        { sensitive: { password: true }, expressions: { identifier: { constant_value: 'db' }, password: { references: ['var.db_password'] } } },
      ),
    ]),
    expect: { 'aws_lambda_function.f': 'pass', 'aws_db_instance.db': 'pass' },
  },
  {
    // The plan hides a sensitive value in `after`, but a literal written in the configuration is in clear
    // in the plan's configuration block (and in the .tf file): it is read there.
    name: 'fail: a credential written as a literal into a sensitive attribute',
    plan: plan([res('aws_db_instance.db', { identifier: 'db', password: 'postgres://admin:Sup3rS3cret@db.example.com' }, { sensitive: { password: true } })]),
    expect: { 'aws_db_instance.db': 'fail' },
    message: /^`password` holds a URL with credentials in it \(postgres:\/\/\*\*\*:\*\*\*@db\.example\.com/,
  },
  // tfsec/Trivy's plaintext-secret check: a literal where a credential goes is one whatever its shape.
  {
    name: 'fail: a literal written where a credential goes (password, a block\'s password, key material, an environment variable named so, a SecureString value, an API key), masked',
    plan: plan([
      res('aws_db_instance.db', { identifier: 'db', password: 'Sup3rS3cretPassw0rd' }, { sensitive: { password: true } }),
      res('aws_mq_broker.b', { broker_name: 'b', user: [{ username: 'app', password: 'MqPassw0rd123' }] }, { sensitive: { user: [{ password: true }] } }),
      res('aws_kms_external_key.k', { key_material_base64: 'Wblj06fduthWggmsT0cLVoIMOkeLbc2kVfMud77i/JY=' }, { sensitive: { key_material_base64: true } }),
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { DB_PASSWORD: 'hunter2hunter2' } }] }),
      res('aws_ssm_parameter.s', { name: 's', type: 'SecureString', value: 'abc123secret' }, { sensitive: { value: true } }),
      res('aws_api_gateway_api_key.k', { name: 'partner', value: 'a1b2c3d4e5f6g7h8i9j0k' }, { sensitive: { value: true } }),
    ]),
    expect: { 'aws_db_instance.db': 'fail', 'aws_mq_broker.b': 'fail', 'aws_kms_external_key.k': 'fail', 'aws_lambda_function.f': 'fail', 'aws_ssm_parameter.s': 'fail', 'aws_api_gateway_api_key.k': 'fail' },
    message: /^`(password|user\.0\.password|key_material_base64|environment\.0\.variables\.DB_PASSWORD|value)` is written in the code and holds (a value its name marks as a credential|a SecureString parameter's value|an API key) \((Sup3|MqP|Wblj|hun|abc|a1b2|\*)\*\*\*\)/,
  },
  // Found by an adversarial sweep of the AWS provider's arguments.
  {
    name: 'fail: name/value environment variables (ECS JSON, CodeBuild PLAINTEXT), JSON under a credential name, values made by functions of literals, value_wo, names in other spellings, lookalike placeholders',
    plan: plan([
      res('aws_ecs_task_definition.t', { family: 't', container_definitions: JSON.stringify([{ name: 'app', environment: [{ name: 'DB_PASSWORD', value: 'Sup3rS3cretR01' }] }]) }),
      res('aws_codebuild_project.p', { name: 'p', environment: [{ compute_type: 'BUILD_GENERAL1_SMALL', environment_variable: [{ name: 'NPM_TOKEN', value: 'npm_Sup3rS3cretR02', type: 'PLAINTEXT' }] }] }),
      res('aws_secretsmanager_secret_version.v', { secret_id: 's', secret_string: JSON.stringify({ username: 'admin', password: 'Sup3rS3cretR03' }) }, { sensitive: { secret_string: true } }),
      // `master_password = lower("…")`: no references, so the value is the code's; a plan records no constant for a call.
      res('aws_rds_cluster.c', { cluster_identifier: 'c', master_password: 'sup3rs3cretr04' }, { sensitive: { master_password: true }, expressions: { cluster_identifier: { constant_value: 'c' }, master_password: { references: [] } } }),
      res('aws_ssm_parameter.wo', { name: 'wo', type: 'SecureString', value_wo: 'Sup3rS3cretR05' }),
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { PGPASSWORD: 'Sup3rS3cretR06', STRIPE_SECRET_KEY: 'Sup3rS3cretR07', DBPassword: 'Sup3rS3cretR08', MYSQL_PWD: 'Sup3rS3cretR09' } }] }),
      res('aws_db_instance.d', { identifier: 'd', password: '$Sup3rS3cretR10' }),
      res('aws_transfer_server.s', { host_key: 'Sup3rS3cretR11' }),
    ]),
    expect: {
      'aws_ecs_task_definition.t': 'fail',
      'aws_codebuild_project.p': 'fail',
      'aws_secretsmanager_secret_version.v': 'fail',
      'aws_rds_cluster.c': 'fail',
      'aws_ssm_parameter.wo': 'fail',
      'aws_lambda_function.f': 'fail',
      'aws_db_instance.d': 'fail',
      'aws_transfer_server.s': 'fail',
    },
    // The JSON document `secret_string` holds shows the name of the key too (`"password":…`).
    message: /is written in the code and holds (a value its name marks as a credential|a SecureString parameter's value) \(|^`secret_string` holds a credential written as `"password":…` \(Sup\*\*\*\)/,
  },
  // Keys with no shape of their own, under the names their agents and SDKs read: Datadog's application key, New Relic's
  // license key (40 hex digits before the `…NRAL` form), an Azure storage account's key (and azurerm's backend `ARM_ACCESS_KEY`).
  {
    name: "fail: another provider's key without a shape of its own under its environment variable's name (DD_APP_KEY, NEW_RELIC_LICENSE_KEY, AZURE_STORAGE_ACCOUNT_KEY, ARM_ACCESS_KEY)",
    plan: plan([
      res('aws_ecs_task_definition.t', { family: 't', container_definitions: JSON.stringify([{ name: 'datadog-agent', environment: [{ name: 'DD_APP_KEY', value: '9c4e2a7b1f3d5e8a0b6c2d4f7e1a3b5c8d0e2f4a' }] }]) }),
      res('aws_lambda_function.dd', { function_name: 'dd', environment: [{ variables: { DATADOG_APP_KEY: '4f1a8c3e6b2d9f0a7c5e1b3d8f6a2c4e0b9d7f1a' } }] }),
      res('aws_lambda_function.nr', { function_name: 'nr', environment: [{ variables: { NEW_RELIC_LICENSE_KEY: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567' } }] }),
      res('aws_lambda_function.az', { function_name: 'az', environment: [{ variables: { AZURE_STORAGE_ACCOUNT_KEY: 'Zq8Wv3Lm9Np4Rs6Tv8Wb1Kc3Xy7Zq2Lm9Np4Rs6Tv8Wb1Kc3Xy7Zq2Lm9Np4Rs6Tv8Wb1Kc3Xy7Zq2Lm9Np4Rs6Tv8Wb==' } }] }),
      res('aws_codebuild_project.p', { name: 'p', environment: [{ compute_type: 'BUILD_GENERAL1_SMALL', environment_variable: [{ name: 'ARM_ACCESS_KEY', value: 'Tv8Wb1Kc3Xy7Zq2Lm9Np4Rs6Tv8Wb1Kc3Xy7Zq2Lm9Np4Rs6Zq8Wv3Lm9Np4Rs6Tv8Wb1Kc3Xy7Zq2Lm9Np4Rs6Tv8Wb==', type: 'PLAINTEXT' }] }] }),
    ]),
    expect: { 'aws_ecs_task_definition.t': 'fail', 'aws_lambda_function.dd': 'fail', 'aws_lambda_function.nr': 'fail', 'aws_lambda_function.az': 'fail', 'aws_codebuild_project.p': 'fail' },
    message: /is written in the code and holds a value its name marks as a credential \((9c4e|4f1a|0a1b|Zq8W|Tv8W)\*\*\*\)/,
  },
  {
    name: 'compliant: token units, parameter names and paths, flags, references by type, secrets named in other providers',
    plan: plan([
      res('aws_cognito_user_pool_client.c', { name: 'c', user_pool_id: 'p', token_validity_units: [{ access_token: 'hours', id_token: 'hours', refresh_token: 'days' }] }),
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { DB_PASSWORD: '/prod/db/password', SSL_PRIVATE_KEY: '/etc/ssl/private/server.key', USE_PASSWORD: 'true', API_TOKEN: '0', DB_PASSWORD_SECRET: 'prod/rds/master' } }] }),
      res('aws_codebuild_project.p', { name: 'p', environment: [{ compute_type: 'BUILD_GENERAL1_SMALL', environment_variable: [{ name: 'GITHUB_TOKEN', value: 'ci-github-token', type: 'PARAMETER_STORE' }] }] }),
      res('google_cloud_run_v2_service.s', { name: 's', secret: 'db-password' }, { provider: 'google' }),
    ]),
    expect: { 'aws_cognito_user_pool_client.c': 'pass', 'aws_lambda_function.f': 'pass', 'aws_codebuild_project.p': 'pass', 'google_cloud_run_v2_service.s': 'pass' },
  },
  {
    name: 'compliant: a credential passed by reference, placeholders, ARNs of secrets, idempotency tokens, a String parameter, names that only contain a credential word',
    plan: plan([
      res('aws_db_instance.db', { identifier: 'db', password: 'FromAVariable1' }, { sensitive: { password: true }, expressions: { identifier: { constant_value: 'db' }, password: { references: ['var.db_password'] } } }),
      res('aws_efs_file_system.e', { creation_token: 'my-token-123', encrypted: true }),
      // HashiCorp's cdktf Alexa example: the skill id, shown in the Alexa console.
      res('aws_lambda_permission.alexa', { action: 'lambda:InvokeFunction', principal: 'alexa-appkit.amazon.com', event_source_token: 'amzn1.ask.skill.0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b' }),
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { DB_PASSWORD_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', DB_PASSWORD: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', API_TOKEN: '<token>', password_length: '32', SECRET: '${SECRET}' } }] }),
      res('aws_ssm_parameter.t', { name: 't', type: 'String', value: 'plain configuration' }, { sensitive: { value: true } }),
      res('aws_rds_cluster.c', { cluster_identifier: 'c', master_password: '', manage_master_user_password: true }),
    ]),
    expect: { 'aws_db_instance.db': 'pass', 'aws_efs_file_system.e': 'pass', 'aws_lambda_permission.alexa': 'pass', 'aws_lambda_function.f': 'pass', 'aws_ssm_parameter.t': 'pass', 'aws_rds_cluster.c': 'pass' },
  },
  {
    name: 'numbered credential names (DB_PASSWORD2, PASSWORD_2, apiKey2, db_password0) fail as the name without its number does; a numbered count, setting or idempotency key passes',
    plan: plan([
      res('aws_instance.x', { ami: 'ami-12345678', user_data: 'export DB_PASSWORD2="Zq8xWv3pTr9Lm"' }),
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { PASSWORD_2: 'Zq8Wv3xLm9Kp' } }] }),
      res('aws_lambda_function.g', { function_name: 'g', environment: [{ variables: { apiKey2: 'k7Fq2ZpL9mWx4RtB' } }] }),
      res('aws_ecs_task_definition.t', { family: 't', container_definitions: JSON.stringify([{ name: 'app', environment: [{ name: 'db_password0', value: 'Zq8Wv3xLm9KpQ2' }] }]) }),
      res('aws_lambda_function.ok', {
        function_name: 'ok',
        environment: [{ variables: { MAX_TOKENS_2: '4096', min_password_length_2: '16384', password_policy_2: 'strict-rotation', CLIENT_TOKEN_1: 'b7c1d2e3f4a5b6c7' } }],
      }),
    ]),
    expect: { 'aws_instance.x': 'fail', 'aws_lambda_function.f': 'fail', 'aws_lambda_function.g': 'fail', 'aws_ecs_task_definition.t': 'fail', 'aws_lambda_function.ok': 'pass' },
    message: /(credential written as `DB_PASSWORD2=…`|value its name marks as a credential) \((Zq8|k7F)\w?\*\*\*\)/
  },
  {
    name: 'plural credential names: a list of keys or tokens fails; IMDSv2 http_tokens, a count, ECS secrets by reference pass',
    plan: plan([
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { PARTNER_API_KEYS: 'k7Fq2ZpL9mWx4RtB8vNc,Zq8Wv3xLm9KpQ2' } }] }),
      res('aws_ecs_task_definition.t', { family: 't', container_definitions: JSON.stringify([{ name: 'app', environment: [{ name: 'AUTH_TOKENS', value: 'Zq8Wv3xLm9KpQ2' }] }]) }),
      res('aws_instance.web', { ami: 'ami-12345678', metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled' }] }),
      res('aws_launch_template.lt', { name: 'lt', metadata_options: [{ http_tokens: 'optional' }] }),
      res('aws_ecs_task_definition.ok', {
        family: 'ok',
        container_definitions: JSON.stringify([{ name: 'app', secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db' }, { name: 'API_KEY', valueFrom: 'api-key' }], environment: [{ name: 'MAX_TOKENS', value: '4096' }] }]),
      }),
    ]),
    expect: { 'aws_lambda_function.f': 'fail', 'aws_ecs_task_definition.t': 'fail', 'aws_instance.web': 'pass', 'aws_launch_template.lt': 'pass', 'aws_ecs_task_definition.ok': 'pass' },
    message: /is written in the code and holds a value its name marks as a credential \((k7Fq|Zq8)\*\*\*\)/,
  },
  // API Gateway "Transforming API requests and responses": a mapping's source is the request's, the context's or the stage's value.
  {
    name: 'compliant: API Gateway parameter mappings from the request, the context or stage variables (REST and HTTP APIs)',
    plan: plan([
      res('aws_api_gateway_integration.i', {
        rest_api_id: 'a',
        request_parameters: { 'integration.request.header.X-Api-Key': 'method.request.header.x-api-key', 'integration.request.header.X-Auth-Token': 'context.authorizer.token', 'integration.request.querystring.api_key': 'stageVariables.apiKey' },
      }),
      res('aws_apigatewayv2_integration.j', {
        api_id: 'a',
        request_parameters: { 'append:header.x-api-key': '$context.authorizer.apiKey', 'overwrite:header.X-Auth-Token': '$stageVariables.authToken', 'overwrite:querystring.api_key': '$request.querystring.key' },
      }),
    ]),
    expect: { 'aws_api_gateway_integration.i': 'pass', 'aws_apigatewayv2_integration.j': 'pass' },
  },
  {
    name: 'fail: a static value in an API Gateway mapping (quoted in a REST API), and a mapping\'s form under a name that is no mapping',
    plan: plan([
      res('aws_api_gateway_integration.i', { rest_api_id: 'a', request_parameters: { 'integration.request.header.X-Auth-Token': "'k7Fq2ZpL9mWx4RtB8vNc'" } }),
      res('aws_apigatewayv2_integration.j', { api_id: 'a', request_parameters: { 'overwrite:header.X-Auth-Token': 'k7Fq2ZpL9mWx4RtB8vNc' } }),
      res('aws_lambda_function.f', { function_name: 'f', environment: [{ variables: { AUTH_TOKEN: 'context.k7Fq2ZpL9mWx4RtB8vNc' } }] }),
    ]),
    expect: { 'aws_api_gateway_integration.i': 'fail', 'aws_apigatewayv2_integration.j': 'fail', 'aws_lambda_function.f': 'fail' },
    message: /holds (the value of an HTTP `X-Auth-Token` header|a value its name marks as a credential) \((k7Fq|cont)\*\*\*\)/,
  },
]);

// Connection strings, JDBC parameters and shell lines hold a credential after its name, under a name that says nothing.
const CREDENTIALS_IN_TEXT = `resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      ConnectionStrings__Default = "Server=db.example.internal;Database=app;User Id=sa;Password=Cx81Lq0wZr7!;"
      JDBC_URL                   = "jdbc:sqlserver://db.example.internal:1433;databaseName=app;user=sa;password=Jd72Mw0qXs4!"
      DB_SECRET_ARN              = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:db"
      START                      = "run --password=$DB_PASSWORD --token \${TOKEN}"
    }
  }
}
resource "aws_launch_template" "lt" {
  name_prefix = "web-"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    export DB_PASSWORD='Ux63Kd0pWq9!'
    export GITLAB_TOKEN=glpat-Gt5kW2xQ9mZr7LpB3vNd
    gitlab-runner register --token glrt-Rn4jV8yT1cXe6HsA2uMf
    export API_KEY=$(aws secretsmanager get-secret-value --secret-id api --query SecretString --output text)
  EOT
  )
}
`;

it('a credential after its name in text fails and is masked in every format: a connection string, JDBC parameters, user data; references pass', async () => {
  await withFiles({ 'main.tf': CREDENTIALS_IN_TEXT }, async (dir) => {
    const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path, f.message.replace(/\. A credential.*/, '')])).toEqual([
      ['aws_lambda_function.api', 'environment.0.variables.ConnectionStrings__Default', '`environment.0.variables.ConnectionStrings__Default` holds a credential written as `Password=…` (Cx8***)'],
      ['aws_lambda_function.api', 'environment.0.variables.JDBC_URL', '`environment.0.variables.JDBC_URL` holds a credential written as `password=…` (Jd7***)'],
      ['aws_launch_template.lt', 'user_data', '`user_data` holds a credential written as `DB_PASSWORD=…` (Ux6***), a GitLab token (glpa***) and a GitLab token (glrt***)'],
    ]);
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown']) {
      const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
      expect(stdout).not.toMatch(/Cx81Lq0wZr7|Jd72Mw0qXs4|Ux63Kd0pWq9|Gt5kW2xQ9mZr7LpB3vNd|Rn4jV8yT1cXe6HsA2uMf/);
    }
  });
});

// Base64 is no encryption: a credential written base64-encoded is in clear to anyone who decodes the plan or the code.
const B64_TOKEN = `ghp_${'Lm4Nb7Vc2X'.repeat(3)}k9J3h5`;
const B64_URL_PASSWORD = 'Wq83Zr1Kd7';
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const BASE64_ENCODED = `variable "hook" {
  default = "${b64(B64_TOKEN)}"
}
output "hook" {
  value = "${b64(B64_TOKEN)}"
}
resource "aws_ssm_parameter" "hook" {
  name  = "hook"
  type  = "String"
  value = "${b64(B64_TOKEN)}"
}
resource "aws_ssm_parameter" "encoded_in_code" {
  name  = "encoded"
  type  = "String"
  value = base64encode("${B64_TOKEN}")
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      KEY_ID_B64 = "${b64('AKIAIOSFODNN7EXAMPLE')}"
      KEY_ASIA_B64 = "${b64('ASIAEVLNRTVDSRHEFKQ4')}"
      DB_DSN     = "dsn=${b64(`postgres://admin:${B64_URL_PASSWORD}@db.example.internal:5432/app`)};timeout=5"
      WORKSPACE  = "${b64('example-workspace')}"
      CONFIG     = "${b64('{"region":"eu-west-1","retries":3}')}"
      DIGEST     = "${Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex').toString('base64')}"
      UPSTREAM   = "Basic ${b64('deploy:Hunter2Pass9')}"
      TEMPLATE   = "Basic ${b64('deploy:changeme')}"
    }
  }
}
`;

it('a credential written base64-encoded fails, in an attribute, a default and an output, masked in every format; base64 of plain text or of bytes passes', async () => {
  await withFiles({ 'main.tf': BASE64_ENCODED }, async (dir) => {
    const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
    const elsewhere = findings.filter((f) => ['no-credentials-in-variables', 'no-sensitive-data-in-outputs'].includes(f.ruleId));
    expect(elsewhere.map((f) => [f.ruleId, f.address, /holds a GitHub token, base64-encoded \(ghp_\*\*\*\)/.test(f.message)])).toEqual([
      ['no-sensitive-data-in-outputs', 'output.hook', true],
      ['no-credentials-in-variables', 'var.hook', true],
    ]);
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path, f.message.replace(/\. A credential.*/, '')])).toEqual([
      ['aws_lambda_function.api', 'environment.0.variables.DB_DSN', '`environment.0.variables.DB_DSN` holds a URL with credentials in it, base64-encoded (postgres://***:***@db.example.internal:5432/...)'],
      // Its base64 has no lower-case letter: a run need not have both cases.
      ['aws_lambda_function.api', 'environment.0.variables.KEY_ASIA_B64', '`environment.0.variables.KEY_ASIA_B64` holds an AWS access key id, base64-encoded (ASIA***)'],
      ['aws_lambda_function.api', 'environment.0.variables.KEY_ID_B64', '`environment.0.variables.KEY_ID_B64` holds an AWS access key id, base64-encoded (AKIA***)'],
      // RFC 7617's `Basic` and base64 of `user:password` say what it is under any name; a placeholder password is none.
      ['aws_lambda_function.api', 'environment.0.variables.UPSTREAM', "`environment.0.variables.UPSTREAM` holds an HTTP Authorization header's credentials (Basic) (***)"],
      // Once, on the value: the literal `base64encode` does not keep is the same token.
      ['aws_ssm_parameter.encoded_in_code', 'value', '`value` holds a GitHub token, base64-encoded (ghp_***)'],
      ['aws_ssm_parameter.hook', 'value', '`value` holds a GitHub token, base64-encoded (ghp_***)'],
    ]);
    const shown = [B64_TOKEN, b64(B64_TOKEN), 'AKIAIOSFODNN7EXAMPLE', b64('AKIAIOSFODNN7EXAMPLE'), B64_URL_PASSWORD, b64(`postgres://admin:${B64_URL_PASSWORD}`).slice(0, 24), b64('deploy:Hunter2Pass9'), 'ASIAEVLNRTVDSRHEFKQ4', b64('ASIAEVLNRTVDSRHEFKQ4')];
    for (const format of FORMATS) {
      const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
      expect(shown.filter((secret) => stdout.includes(secret))).toEqual([]);
    }
  });
});

// Base64 in the URL-safe alphabet or unpadded (JWT segments, Kubernetes and Helm values, SDKs), base64 of base64, a
// Basic scheme in any case, and Docker's `auth` (base64 of user:password) in a Kubernetes secret's `.dockerconfigjson`.
const B64_PAIR = b64('deploy:Hunter2Pass9');
// `??>>` makes a `-` and a `_` in the URL-safe alphabet.
const B64_URL_SAFE = Buffer.from(`${B64_TOKEN}??>>`).toString('base64url');
const B64_UNPADDED = b64(`AKIAIOSFODNN7EXAMPLE ${B64_URL_PASSWORD}`).replace(/=+$/, '');
const B64_TWICE = b64(b64(B64_TOKEN));
const OTHER_BASE64 = `resource "kubernetes_secret" "regcred" {
  metadata {
    name = "regcred"
  }
  type = "kubernetes.io/dockerconfigjson"
  data = {
    ".dockerconfigjson" = jsonencode({ auths = { "registry.example.com" = { auth = base64encode("deploy:Hunter2Pass9") } } })
  }
}
resource "kubernetes_secret" "placeholder" {
  metadata {
    name = "placeholder"
  }
  type = "kubernetes.io/dockerconfigjson"
  data = {
    ".dockerconfigjson" = jsonencode({ auths = { "registry.example.com" = { auth = base64encode("deploy:changeme") } } })
  }
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      HOOK_URL_SAFE = "${B64_URL_SAFE}"
      KEY_UNPADDED  = "${B64_UNPADDED}"
      HOOK_TWICE    = "${B64_TWICE}"
      UPSTREAM      = "bAsIc ${B64_PAIR}"
      REGISTRY_AUTH = "${B64_PAIR}"
      SESSION_ID    = "${Buffer.from('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'hex').toString('base64url')}"
      OWNER         = "${Buffer.from('jane.roe@example.com').toString('base64url')}"
    }
  }
}
`;

it('a credential in URL-safe or unpadded base64, in base64 of base64, Basic in any case and Docker auth fail, masked as stars in every format; an id or personal data so encoded passes', async () => {
  await withFiles({ 'main.tf': OTHER_BASE64 }, async (dir) => {
    const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path, f.message.replace(/\. A credential.*/, '')])).toEqual([
      ['aws_lambda_function.api', 'environment.0.variables.HOOK_TWICE', '`environment.0.variables.HOOK_TWICE` holds a GitHub token, base64-encoded twice (ghp_***)'],
      ['aws_lambda_function.api', 'environment.0.variables.HOOK_URL_SAFE', '`environment.0.variables.HOOK_URL_SAFE` holds a GitHub token, base64-encoded (ghp_***)'],
      ['aws_lambda_function.api', 'environment.0.variables.KEY_UNPADDED', '`environment.0.variables.KEY_UNPADDED` holds an AWS access key id, base64-encoded (AKIA***)'],
      ['aws_lambda_function.api', 'environment.0.variables.REGISTRY_AUTH', '`environment.0.variables.REGISTRY_AUTH` holds a user name and password, base64-encoded (***:***)'],
      ['aws_lambda_function.api', 'environment.0.variables.UPSTREAM', "`environment.0.variables.UPSTREAM` holds an HTTP Authorization header's credentials (Basic) (***)"],
      ['kubernetes_secret.regcred', 'data..dockerconfigjson', '`data..dockerconfigjson` holds a user name and password, base64-encoded (***:***)'],
    ]);
    const shown = [B64_TOKEN, B64_URL_SAFE, B64_URL_SAFE.slice(0, 4), B64_UNPADDED, B64_UNPADDED.slice(0, 4), B64_TWICE, B64_TWICE.slice(0, 4), 'AKIAIOSFODNN7EXAMPLE', B64_URL_PASSWORD, B64_PAIR, 'Hunter2Pass9'];
    for (const format of FORMATS) {
      const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
      expect(shown.filter((secret) => stdout.includes(secret))).toEqual([]);
    }
  });
});

// Credentials of providers besides AWS, found by their shape alone (fakes of the right format), in every place code writes one.
const OTHER_PROVIDERS = `provider "restapi" {
  uri     = "https://api.example.com"
  headers = { X-Upstream = "hvs.CAESIz-QtsASNs-m2c7qjA9isTmxx6vclyMMuV0obZFDpytrE30EfTk8OhkxIY6wwcjz_8aMcGtxEoqF5RNR_eJ6QKr" }
}
variable "upstream" {
  default = "dfvvs78an9p9l7.atlasv1.AJHJi57eLoLvfv-koaUH9HhE387TnUi2h8gbdfAAINUP8FL8QBdqJKFkUtxh1ovy5QK"
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  description   = "Pushes with dckr_pat_sZny5EakBEIbc44xtZo9Qhe_1en"
  environment {
    variables = {
      UPSTREAM = "glsa_R6xFTkhhOfGZoqC7vdh4JirZIfushomb_47637457"
      STORAGE  = "BlobEndpoint=https://x.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=jSBzceVgPLXS1tXV3AGh4dO4DmhUmyE80eBDXh2Kb9Qm%3D"
    }
  }
  tags = { Environment = "prod", Owner = "x", DataClassification = "internal", Deploy = "dop_v1_63f235566e828e2493189b72a07683d2f45290084010a4e42bd81876d0506304" }
}
output "ingest" {
  value = "eu01xx9dd46cd0838f32c7e6639bbc924e0eNRAL"
}
`;

it("a credential of another provider fails by its shape in an attribute, a provider block, a variable's default, an output, a tag and a description, named and masked in every format", async () => {
  await withFiles({ 'main.tf': OTHER_PROVIDERS }, async (dir) => {
    const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
    expect(findings.filter((f) => /^no-(?:credentials|sensitive-data|static-provider)-/.test(f.ruleId)).map((f) => [f.ruleId, f.address, f.path, f.message.replace(/\)[.:].*$/s, ')')]).sort()).toEqual(
      [
        ['no-credentials-in-attributes', 'aws_lambda_function.api', 'environment.0.variables.STORAGE', '`environment.0.variables.STORAGE` holds an Azure shared access signature (sv=2***)'],
        ['no-credentials-in-attributes', 'aws_lambda_function.api', 'environment.0.variables.UPSTREAM', '`environment.0.variables.UPSTREAM` holds a Grafana token (glsa***)'],
        ['no-credentials-in-variables', 'var.upstream', 'default', expect.stringContaining('an HCP Terraform API token (dfvv***)')],
        ['no-sensitive-data-in-free-form-fields', 'aws_lambda_function.api', 'description', expect.stringContaining('a Docker Hub access token (dckr***)')],
        ['no-sensitive-data-in-outputs', 'output.ingest', expect.anything(), expect.stringContaining('a New Relic key (eu01***)')],
        ['no-sensitive-data-in-tags', 'aws_lambda_function.api', 'tags.Deploy', expect.stringContaining('a DigitalOcean token (dop_***)')],
        ['no-static-provider-credentials', 'provider.restapi', 'headers.X-Upstream', expect.stringContaining('a HashiCorp Vault token')],
      ].sort(),
    );
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
      const run = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
      expect(run.code).toBe(1);
      expect(run.stdout).not.toMatch(/CAESIz-QtsASNs|AJHJi57eLoLvfv|sZny5EakBEIbc44x|R6xFTkhhOfGZoqC7|jSBzceVgPLXS1tXV|63f235566e828e24|9dd46cd0838f32c7/);
    }
  });
});

// A plan records a constant only for an expression without references; a .tf directory gives the same verdict.
it('a literal where a credential goes fails in a .tf directory as in a plan; so does a value the code fixes elsewhere (a default)', async () => {
  await withFiles(
    {
      'main.tf': [
        'variable "pw" {\n  default = "FromDefault123"\n}',
        'resource "aws_db_instance" "d" {\n  password = "Sup3rS3cretPassw0rd"\n  storage_encrypted = true\n}',
        'resource "aws_rds_cluster" "c" {\n  master_password = var.pw\n  storage_encrypted = true\n}',
        'resource "aws_mq_broker" "b" {\n  user {\n    username = "u"\n    password = upper("mqpassw0rd123")\n  }\n}',
        // A literal beside a reference in one map: a plan records no constant for the map, the .tf file holds the literal.
        'variable "user" {}\nresource "aws_glue_connection" "g" {\n  connection_properties = { USERNAME = var.user, PASSWORD = "GlueSup3rS3cret" }\n}',
        'resource "aws_lambda_function" "f" {\n  environment {\n    variables = { DB_HOST = aws_db_instance.d.address, DB_PASSWORD = "LambdaSup3rS3cret" }\n  }\n}',
      ].join('\n'),
    },
    async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path])).toEqual([
        ['aws_db_instance.d', 'password'],
        ['aws_glue_connection.g', 'connection_properties.PASSWORD'],
        ['aws_lambda_function.f', 'environment.0.variables.DB_PASSWORD'],
        ['aws_mq_broker.b', 'user.0.password'],
        ['aws_rds_cluster.c', 'master_password'],
      ]);
    },
  );
});

// A credential that reaches its argument through a variable of another name, a local or `each`: the
// code holds it as surely as a literal (tfsec evaluates such references the same way).
const FIXED_ELSEWHERE = [
  'variable "pw" {\n  default = "Xk29fjQ03kdlsMZP"\n}',
  'variable "secret_pw" {\n  default = "Qm38dkW02lsPzXv7"\n  sensitive = true\n}',
  'variable "image" {}',
  'locals {\n  db = { user = "app", pass = "Lp02kdjW9sQmZx71" }\n}',
  'resource "aws_rds_cluster" "c" {\n  master_password = var.pw\n  storage_encrypted = true\n}',
  'resource "aws_db_instance" "d" {\n  password = local.db.pass\n  storage_encrypted = true\n}',
  // A sensitive variable is not read: its value must not reach a report (no-credentials-in-variables judges its default).
  'resource "aws_db_instance" "s" {\n  password = var.secret_pw\n  storage_encrypted = true\n}',
  'resource "aws_ssm_parameter" "p" {\n  for_each = { db = "Vn47skQ0dLz93mWq" }\n  name = "/app/${each.key}"\n  type = "SecureString"\n  value = each.value\n}',
  'resource "aws_mq_broker" "b" {\n  for_each = { a = { pw = "Tr83nbQ01xLmZ4kd" } }\n  user {\n    username = "u"\n    password = each.value.pw\n  }\n}',
  // A literal beside a variable of a default is written here; a local beside a value known only at apply is fixed elsewhere.
  'variable "user" {\n  default = "app"\n}\nresource "aws_glue_connection" "g" {\n  connection_properties = { USERNAME = var.user, PASSWORD = "Gh51kdWq0zLm8XsP" }\n}',
  'resource "aws_lambda_function" "f" {\n  environment {\n    variables = { DB_HOST = aws_rds_cluster.c.endpoint, DB_PASSWORD = local.db.pass }\n  }\n}',
  // Beside a value known only at apply, the parts of the encoded document the code fixes are read.
  'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = jsonencode([{\n    name = "app"\n    image = var.image\n    environment = [{ name = "DB_PASSWORD", value = "Ew72mdLq0Xz8sKp3" }, { name = "DB_HOST", value = "db.internal" }]\n  }])\n}',
  'resource "aws_ecs_task_definition" "u" {\n  family = "u"\n  container_definitions = jsonencode([{ image = var.image, environment = [{ name = "DB_PASSWORD", value = local.db.pass }] }])\n}',
].join('\n');

it('a credential the code fixes elsewhere fails where it lands: a default, a local, each.value of a literal for_each, an encoded document beside a reference', async () => {
  await withFiles({ 'main.tf': FIXED_ELSEWHERE }, async (dir) => {
    const found = (await checkFindings([dir, '--input-kind', 'hcl'])).findings.filter((f) => f.ruleId === rule.id);
    expect(found.map((f) => [f.address, f.path])).toEqual([
      ['aws_db_instance.d', 'password'],
      ['aws_ecs_task_definition.t', 'container_definitions.0.environment.0.value'],
      ['aws_ecs_task_definition.u', 'container_definitions.0.environment.0.value'],
      ['aws_glue_connection.g', 'connection_properties.PASSWORD'],
      ['aws_lambda_function.f', 'environment.0.variables.DB_PASSWORD'],
      ['aws_mq_broker.b["a"]', 'user.0.password'],
      ['aws_rds_cluster.c', 'master_password'],
      ['aws_ssm_parameter.p["db"]', 'value'],
    ]);
    const origin = Object.fromEntries(found.map((f) => [f.address, /^`[^`]+` (is written in the code|takes a value the code fixes elsewhere)/.exec(f.message)?.[1]]));
    expect(origin).toEqual({
      'aws_db_instance.d': 'takes a value the code fixes elsewhere',
      'aws_ecs_task_definition.t': 'is written in the code',
      'aws_ecs_task_definition.u': 'takes a value the code fixes elsewhere',
      'aws_glue_connection.g': 'is written in the code',
      'aws_lambda_function.f': 'takes a value the code fixes elsewhere',
      'aws_mq_broker.b["a"]': 'takes a value the code fixes elsewhere',
      'aws_rds_cluster.c': 'takes a value the code fixes elsewhere',
      'aws_ssm_parameter.p["db"]': 'takes a value the code fixes elsewhere',
    });
    expect(found.find((f) => f.address === 'aws_rds_cluster.c')?.message).toMatch(/\(a variable's default, .*\(Xk29\*\*\*\)/);
    for (const secret of ['Xk29fjQ03kdlsMZP', 'Lp02kdjW9sQmZx71', 'Vn47skQ0dLz93mWq', 'Tr83nbQ01xLmZ4kd', 'Ew72mdLq0Xz8sKp3', 'Qm38dkW02lsPzXv7', 'Gh51kdWq0zLm8XsP']) {
      expect(JSON.stringify(found)).not.toContain(secret);
    }
  });
});

it('a value given from outside the code (-var, -var-file) is how a credential should come: not judged', async () => {
  await withFiles({ 'main.tf': FIXED_ELSEWHERE, 'ci.tfvars': 'pw = "Zc61pqLw0Mx2dKr8"\nimage = "app:1"\n' }, async (dir) => {
    const given = async (...args: string[]): Promise<string[]> =>
      (await checkFindings([dir, '--input-kind', 'hcl', ...args])).findings.filter((f) => f.ruleId === rule.id).map((f) => f.address);
    expect(await given('--var', 'pw=Zc61pqLw0Mx2dKr8')).not.toContain('aws_rds_cluster.c');
    expect(await given('--var-file', path.join(dir, 'ci.tfvars'))).not.toContain('aws_rds_cluster.c');
    // The image given from outside makes the document whole: its literal credential is still the code's.
    expect(await given('--var', 'image=app:1')).toContain('aws_ecs_task_definition.t');
  });
});

// Where a value comes from is read from its references, not its text: a function changes the text, and a given value may be part of a secret.
it('a value read from a variable given from outside stays outside through functions and encodings; a secret of the code holding a given text is still the code\'s', async () => {
  const main = [
    'variable "pw" {\n  type = string\n}',
    'variable "project" {\n  type = string\n}',
    'resource "aws_db_instance" "a" {\n  password = base64encode(var.pw)\n}',
    'resource "aws_db_instance" "b" {\n  password = sha256(var.pw)\n}',
    'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = jsonencode([{ image = "app", environment = [{ name = "DB_PASSWORD", value = var.pw }] }])\n}',
    'module "db" {\n  source = "./db"\n  password = lower(var.pw)\n}',
    'resource "aws_db_instance" "d" {\n  for_each = { main = "acme-payments-Passw0rd!" }\n  identifier = "${var.project}-${each.key}"\n  password = each.value\n}',
    // The literal a given empty value falls back to is the code's.
    'resource "aws_db_instance" "e" {\n  password = coalesce(var.empty, "Zq7!vR2#mT9xLp4W")\n}',
    'variable "empty" {\n  type = string\n}',
  ].join('\n');
  const db = 'variable "password" {}\nresource "aws_db_instance" "m" {\n  password = var.password\n}\n';
  await withFiles({ 'main.tf': main, 'db/main.tf': db }, async (dir) => {
    const { findings } = await checkFindings([dir, '--input-kind', 'hcl', '--var', 'pw=S3cret<&>Given-42', '--var', 'project=acme-payments', '--var', 'empty=']);
    expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, /is written in the code|takes a value the code fixes elsewhere/.exec(f.message)?.[0]])).toEqual([
      ['aws_db_instance.d["main"]', 'takes a value the code fixes elsewhere'],
      ['aws_db_instance.e', 'is written in the code'],
    ]);
  });
});

it('lists the URL, its password and its query secrets in redact; the message has none of them', () => {
  const graph = graphOf(plan([res('aws_ssm_parameter.p', { name: 'p', value: 'https://svc:Pa55word9@host.example.com/x?token=tok-123456' })]));
  const result = rule.evaluate(graph.resources[0], { graph, settings: DEFAULT_SETTINGS });
  const [outcome] = Array.isArray(result) ? result : [result];
  if (outcome.status !== 'fail') throw new Error(`expected a failure, got ${outcome.status}`);
  expect(outcome.redact).toEqual(expect.arrayContaining(['https://svc:Pa55word9@host.example.com/x?token=tok-123456', 'Pa55word9', 'tok-123456']));
  expect(outcome.message).toContain('https://***:***@host.example.com/...');
  expect(outcome.message).not.toMatch(/Pa55word9|tok-123456|svc:/);
});

describeWithShared('no-credentials-in-attributes on real plans', () => {
  it("terragoat: the hard-coded AWS keys of the analysis lambda and of the web host's user data (the plan shows its SHA-1; the configuration holds the script), and nothing else", async () => {
    const file = 'bridgecrewio__checkov/terragoat.tfplan.json';
    const { findings } = runRules(buildGraph([await loadPlanFile(path.join(REAL_PLANS_DIR, file), file)]), DEFAULT_SETTINGS, [rule]);
    expect(findings.map((f) => [f.address, f.path])).toEqual([
      ['aws_instance.web_host', 'user_data'],
      ['aws_lambda_function.analysis_lambda', 'environment.0.variables.access_key'],
      ['aws_lambda_function.analysis_lambda', 'environment.0.variables.secret_key'],
    ]);
    expect(findings.every((f) => f.redact.length > 0 && f.redact.every((raw) => !f.message.includes(raw)))).toBe(true);
  });
});

it("a plan: an instance's user_data is the SHA-1 of its script (the AWS provider keeps the hash); the script the configuration records is searched", () => {
  const script = '#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMAAA\n';
  const sha1 = '44c6c808c5ca4ea3c5e4c5ad5cd4e6e9b2d0f1a7';
  const judged = (after: Record<string, unknown>) => {
    const graph = graphOf(plan([res('aws_instance.web', { ami: 'ami-12345678', ...after }, { expressions: { user_data: { constant_value: script } } })]));
    const result = rule.evaluate(graph.resources[0], { graph, settings: DEFAULT_SETTINGS });
    return (Array.isArray(result) ? result : [result]).map((o) => [o.status, 'path' in o ? o.path : undefined]);
  };
  expect(judged({ user_data: sha1 })).toEqual([['fail', 'user_data']]);
  // The same script planned in clear (a .tf scan, or an older provider) is found once.
  expect(judged({ user_data: script })).toEqual([['fail', 'user_data']]);
});

// cdktf: `new TerraformVariable(stack, 'initial', { default: '…' })` passed as `password: initial.stringValue`.
it('in cdk.tf.json, a password from a TerraformVariable default fails where it lands; one the environment sets (TF_VAR_) is not judged', async () => {
  const stack = JSON.stringify({
    '//': { metadata: { stackName: 's', version: '0.21.0' } },
    variable: { initial: { type: 'string', default: 'Hunter2Hunter2!' } },
    resource: { aws_db_instance: { db: { engine: 'postgres', instance_class: 'db.t3.micro', password: '${var.initial}', storage_encrypted: true } } },
  });
  await withFiles({ 'cdk.tf.json': stack }, async (dir) => {
    const found = async (env: Record<string, string> = {}) =>
      JSON.parse((await twinguard(['check', dir, '--input-kind', 'cdktf', '--format', 'json'], { env })).stdout).findings.filter((f: { ruleId: string }) => f.ruleId === rule.id);
    const [finding, ...more] = await found();
    expect(more).toEqual([]);
    expect(finding).toEqual(expect.objectContaining({ address: 'aws_db_instance.db', path: 'password', status: 'fail' }));
    expect(finding.message).toMatch(/^`password` takes a value the code fixes elsewhere .*\(Hun\*\*\*\)/);
    expect(await found({ TF_VAR_initial: 'Hunter2Hunter2!' })).toEqual([]);
  });
});

describe('provisioner and connection blocks (Terraform core: any resource type)', () => {
  const TOKEN = 'ghp_R4nd0mT0k3nV4lu3Abc123XyZ987qWeRtY654';
  it('.tf: a credential in a provisioner\'s command or environment, or a connection password written in the code, fails on its path; one from a reference is not judged', async () => {
    const main = `
locals {
  pw = "Sup3rS3cretP4ss"
}
variable "given" {
  type      = string
  sensitive = true
}
resource "terraform_data" "hook" {
  connection {
    type     = "ssh"
    password = "hunter2hunter2"
    host     = "10.0.0.1"
  }
  provisioner "local-exec" {
    command     = "curl https://deploy:\${local.pw}@hooks.example.com/notify"
    environment = { TOKEN = "${TOKEN}" }
  }
  provisioner "remote-exec" {
    inline = ["echo ready"]
    connection {
      password = var.given
    }
  }
}
`;
    await withFiles({ 'main.tf': main }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      const mine = findings.filter((f) => f.ruleId === rule.id);
      expect(mine.map((f) => [f.address, f.path])).toEqual([
        ['terraform_data.hook', 'connection.0.password'],
        ['terraform_data.hook', 'provisioner.local-exec.0.command'],
        ['terraform_data.hook', 'provisioner.local-exec.0.environment.TOKEN'],
      ]);
      expect(JSON.stringify(mine)).not.toMatch(/Sup3rS3cret|hunter2h|R4nd0mT0k3n/);
    });
  });

  it('a connection block\'s host key (public: the server\'s key it verifies) is no credential; a password given with --var is not judged', async () => {
    const main = 'variable "pw" {}\nresource "aws_instance" "web" {\n  ami = "ami-12345678"\n  connection {\n    host     = "10.0.0.1"\n    host_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"\n    password = var.pw\n  }\n}\n';
    await withFiles({ 'main.tf': main }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl', '--var', 'pw=Given-Passw0rd-42']);
      expect(findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    });
  });

  it('a plan: the provisioners its configuration records (constant_value)', () => {
    const doc = plan([res('aws_instance.web', { ami: 'ami-12345678' })]) as { configuration: { root_module: { resources: Record<string, unknown>[] } } };
    doc.configuration.root_module.resources[0].provisioners = [{ type: 'local-exec', expressions: { command: { constant_value: 'curl -fsS https://deploy:Sup3rS3cretP4ss@hooks.example.com/notify' } } }];
    const graph = graphOf(doc);
    const result = rule.evaluate(graph.resources[0], { graph, settings: DEFAULT_SETTINGS });
    expect((Array.isArray(result) ? result : [result]).map((o) => [o.status, 'path' in o ? o.path : undefined])).toEqual([['fail', 'provisioner.local-exec.0.command']]);
  });
});

// A data source's or an ephemeral block's arguments are code as a resource's and a local's are; what a data source reads is not.
describe('what the code writes in data and ephemeral blocks', () => {
  const TOKEN = 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB';
  const RELEASES = `data "http" "releases" {\n  url = "https://api.github.com/repos/acme/twin/releases/latest"\n  request_headers = { Authorization = "Bearer ${TOKEN}" }\n}\n`;
  const EPHEMERAL = `ephemeral "aws_lambda_invocation" "mint" {\n  function_name = "mint"\n  payload = jsonencode({ db_password = "Sup3rS3cret!Passw0rd" })\n}\n`;

  it('fails a credential written in a data source or an ephemeral block of .tf code and cdk.tf.json, masked in every report', async () => {
    await withFiles({ 'main.tf': RELEASES + EPHEMERAL }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path, f.status])).toEqual([
        ['data.http.releases', 'request_headers.Authorization', 'fail'],
        // The document (`{"db_password":"…"}`, its name quoted) and its key, as a token shape in it is found on both.
        ['ephemeral.aws_lambda_invocation.mint', 'payload', 'fail'],
        ['ephemeral.aws_lambda_invocation.mint', 'payload.db_password', 'fail'],
      ]);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
        expect(stdout).not.toMatch(/ghp_1234567890|Sup3rS3cret!/);
      }
    });
    const stack = { resource: { aws_sqs_queue: { q: { name: 'q' } } }, ephemeral: { aws_lambda_invocation: { mint: { function_name: 'mint', payload: `{"token":"${TOKEN}"}` } } } };
    await withFiles({ 'cdk.tf.json': JSON.stringify(stack) }, async (dir) => {
      const { findings } = await checkFindings([`${dir}/cdk.tf.json`]);
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path])).toEqual([
        ['ephemeral.aws_lambda_invocation.mint', 'payload'],
        ['ephemeral.aws_lambda_invocation.mint', 'payload.token'],
      ]);
    });
  });

  it("fails an HTTP header's credentials in any block's arguments (an opaque Bearer or Basic value, an X-API-Key), not a reference", async () => {
    const main = [
      'variable "token" {\n  type      = string\n  sensitive = true\n}',
      'data "http" "status" {\n  url = "https://api.example.com/v1/status"\n  request_headers = {\n    Accept        = "application/json"\n    Authorization = "Bearer 7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy"\n  }\n}',
      'data "http" "basic" {\n  url = "https://api.example.com/v1/status"\n  request_headers = { Authorization = "Basic ZGVwbG95OlpxOFd2M3hMbTlLcA==" }\n}',
      'data "http" "apikey" {\n  url = "https://api.example.com/v1/status"\n  request_headers = { "X-API-Key" = "7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy" }\n}',
      'data "http" "given" {\n  url = "https://api.example.com/v1/status"\n  request_headers = { Authorization = "Bearer ${var.token}" }\n}',
      'resource "aws_apigatewayv2_integration" "i" {\n  api_id             = "a1b2c3d4e5"\n  integration_type   = "HTTP_PROXY"\n  integration_method = "ANY"\n  integration_uri    = "https://backend.example.com/{proxy}"\n  request_parameters = {\n    "overwrite:header.Authorization" = "Bearer 7f3kQ9zLm2Np4Rs6Tv8Wb1Kc3Xy"\n    "overwrite:header.X-Request-Id"  = "$context.requestId"\n  }\n}',
    ].join('\n');
    await withFiles({ 'main.tf': main }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl', '--var', 'token=Given-T0ken-42']);
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path, f.status])).toEqual([
        ['aws_apigatewayv2_integration.i', 'request_parameters.overwrite:header.Authorization', 'fail'],
        ['data.http.apikey', 'request_headers.X-API-Key', 'fail'],
        ['data.http.basic', 'request_headers.Authorization', 'fail'],
        ['data.http.status', 'request_headers.Authorization', 'fail'],
      ]);
      const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--var', 'token=Given-T0ken-42', '--format', 'json']);
      expect(stdout).not.toMatch(/7f3kQ9zLm2Np|ZGVwbG95OlpxOFd2/);
    });
  });

  it("in a plan: a data source's written arguments and an OpenTofu ephemeral block's literals fail; what a data source reads does not", () => {
    const PROVIDER = 'registry.terraform.io/hashicorp/aws';
    const data = (type: string, name: string, values: Record<string, unknown>) => ({ address: `data.${type}.${name}`, mode: 'data', type, name, provider_name: PROVIDER, schema_version: 0, values, sensitive_values: {} });
    const doc = {
      format_version: '1.2',
      terraform_version: '1.10.0',
      planned_values: {
        root_module: {
          resources: [
            data('http', 'releases', { url: 'https://api.github.com/', request_headers: { Authorization: `Bearer ${TOKEN}` }, response_body: '{}' }),
            // What the data source reads: a secret kept where it should be, not written by the code.
            data('aws_secretsmanager_secret_version', 'db', { secret_id: 'prod/db', secret_string: `{"password":"Sup3rS3cret!Passw0rd","token":"${TOKEN}"}` }),
          ],
        },
      },
      resource_changes: [],
      configuration: {
        root_module: {
          resources: [
            { address: 'data.http.releases', mode: 'data', type: 'http', name: 'releases', provider_config_key: 'http', expressions: { url: { constant_value: 'https://api.github.com/' }, request_headers: { constant_value: { Authorization: `Bearer ${TOKEN}` } } } },
            { address: 'data.aws_secretsmanager_secret_version.db', mode: 'data', type: 'aws_secretsmanager_secret_version', name: 'db', provider_config_key: 'aws', expressions: { secret_id: { constant_value: 'prod/db' } } },
            { address: 'ephemeral.aws_lambda_invocation.mint', mode: 'ephemeral', type: 'aws_lambda_invocation', name: 'mint', provider_config_key: 'aws', expressions: { function_name: { constant_value: 'mint' }, payload: { constant_value: `{"token":"${TOKEN}"}` } } },
          ],
        },
      },
    };
    const result = runRules(buildGraph([parsePlanDocument(doc, 'plan.json')]), DEFAULT_SETTINGS, [rule]);
    expect(result.findings.map((f) => [f.address, f.path, f.status])).toEqual([
      ['data.http.releases', 'request_headers.Authorization', 'fail'],
      ['ephemeral.aws_lambda_invocation.mint', 'payload', 'fail'],
      ['ephemeral.aws_lambda_invocation.mint', 'payload.token', 'fail'],
    ]);
    expect(JSON.stringify(result.findings.map(({ redact: _, ...shown }) => shown))).not.toMatch(/ghp_1234567890/);
  });
});

// Terraform 1.14's actions: `action "aws_lambda_invoke" "x" { config { … } }`, run by a resource's lifecycle or `-invoke`.
describe("what the code writes in an action's config", () => {
  const TOKEN = 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB';
  const ACTION = `action "aws_lambda_invoke" "notify" {\n  config {\n    function_name = "notify"\n    payload = jsonencode({ token = "${TOKEN}" })\n  }\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n  lifecycle {\n    action_trigger {\n      events  = [after_create]\n      actions = [action.aws_lambda_invoke.notify]\n    }\n  }\n}\n`;

  it('fails in .tf code and cdk.tf.json, on the action, masked in every report', async () => {
    await withFiles({ 'main.tf': ACTION }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path])).toEqual([
        ['action.aws_lambda_invoke.notify', 'payload'],
        ['action.aws_lambda_invoke.notify', 'payload.token'],
      ]);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout } = await twinguard(['check', dir, '--input-kind', 'hcl', '--format', format]);
        expect(stdout).not.toMatch(/ghp_1234567890/);
      }
    });
    const stack = { resource: { aws_sqs_queue: { q: { name: 'q' } } }, action: { aws_lambda_invoke: { notify: { config: { function_name: 'f', payload: `{"token":"${TOKEN}"}` } } } } };
    await withFiles({ 'cdk.tf.json': JSON.stringify(stack) }, async (dir) => {
      const { findings } = await checkFindings([`${dir}/cdk.tf.json`]);
      expect(findings.filter((f) => f.ruleId === rule.id).map((f) => [f.address, f.path])).toEqual([
        ['action.aws_lambda_invoke.notify', 'payload'],
        ['action.aws_lambda_invoke.notify', 'payload.token'],
      ]);
    });
  });

  it("fails in a plan's action_invocations (written in clear), deferred ones too; a value Terraform marks sensitive is not read", () => {
    const invocation = (name: string, configValues: Record<string, unknown>, configSensitive: Record<string, unknown> = {}) => ({
      address: `action.aws_lambda_invoke.${name}`,
      type: 'aws_lambda_invoke',
      name,
      config_values: configValues,
      config_sensitive: configSensitive,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      lifecycle_action_trigger: { triggering_resource_address: 'aws_sqs_queue.q', action_trigger_event: 'AfterCreate', action_trigger_block_index: 0, actions_list_index: 0 },
    });
    const doc = plan([res('aws_sqs_queue.q', { name: 'q' })]) as Record<string, unknown>;
    doc.action_invocations = [
      invocation('notify', { function_name: 'notify', payload: `{"token":"${TOKEN}"}`, qualifier: null }),
      // From a sensitive variable: how a credential should reach an action.
      invocation('quiet', { function_name: 'quiet', payload: `{"token":"${TOKEN}"}` }, { payload: true }),
    ];
    doc.deferred_action_invocations = [{ reason: 'deferred_prereq', action_invocation: invocation('later', { function_name: 'later', client_context: `Bearer ${TOKEN}` }) }];
    const result = runRules(graphOf(doc), DEFAULT_SETTINGS, [rule]);
    expect(result.findings.map((f) => [f.address, f.path, f.status])).toEqual([
      ['action.aws_lambda_invoke.later', 'client_context', 'fail'],
      ['action.aws_lambda_invoke.notify', 'payload', 'fail'],
    ]);
    expect(JSON.stringify(result.findings.map(({ redact: _, ...shown }) => shown))).not.toMatch(/ghp_1234567890/);
  });

  it('refuses a plan whose action_invocations is not a list of invocations, in one line', () => {
    const doc = plan([res('aws_sqs_queue.q', { name: 'q' })]) as Record<string, unknown>;
    expect(() => parsePlanDocument({ ...doc, action_invocations: {} }, 'plan.json')).toThrow(/^plan\.json: not a valid plan: action_invocations is not a list$/);
    expect(() => parsePlanDocument({ ...doc, action_invocations: [{ type: 'aws_lambda_invoke' }] }, 'plan.json')).toThrow(/^plan\.json: not a valid plan: action_invocations\[0\] has no address, type or name$/);
  });
});

// A header written as a `{ name, value }` or `{ key, value }` pair: the value is that header's (CloudFront, EventBridge connections).
describe('a header pair: the value under the name or key beside it', () => {
  const main = `
resource "aws_cloudfront_distribution" "cdn" {
  origin {
    domain_name = "origin.example.com"
    origin_id   = "o"
    custom_header {
      name  = "Authorization"
      value = "Bearer k7Fq2ZpL9mWx4RtB8vNc"
    }
    custom_header {
      name  = "X-Served-By"
      value = "twin-edge-01"
    }
  }
}
resource "aws_cloudwatch_event_connection" "partner" {
  name               = "partner"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "k7Fq2ZpL9mWx4RtB8vNd"
    }
    invocation_http_parameters {
      header {
        key             = "Authorization"
        value           = "Bearer k7Fq2ZpL9mWx4RtB8vNe"
        is_value_secret = false
      }
      header {
        key   = "Accept"
        value = "application/json"
      }
    }
  }
}
resource "aws_autoscaling_group" "web" {
  max_size = 1
  min_size = 1
  tag {
    key                 = "api_token"
    value               = "platform-team"
    propagate_at_launch = true
  }
}
`;
  it('.tf: a credential under a header pair\'s name or key fails on its value\'s path, masked; other headers and a tag pass', async () => {
    await withFiles({ 'main.tf': main }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', 'hcl']);
      const mine = findings.filter((f) => f.ruleId === rule.id);
      expect(mine.map((f) => [f.address, f.path])).toEqual([
        ['aws_cloudfront_distribution.cdn', 'origin.0.custom_header.0.value'],
        ['aws_cloudwatch_event_connection.partner', 'auth_parameters.0.api_key.0.value'],
        ['aws_cloudwatch_event_connection.partner', 'auth_parameters.0.invocation_http_parameters.0.header.0.value'],
      ]);
      expect(mine.map((f) => f.message).join('\n')).toMatch(/Authorization header's credentials \(Bearer\) \(k7Fq\*\*\*\)[^]*`x-api-key` header \(k7Fq\*\*\*\)/);
      expect(JSON.stringify(mine)).not.toMatch(/k7Fq2Z/);
    });
  });

  it('a plan: the value Terraform marks sensitive is read from the configuration, under the key the values give', () => {
    const doc = plan([
      res(
        'aws_cloudwatch_event_connection.partner',
        { name: 'partner', authorization_type: 'API_KEY', auth_parameters: [{ api_key: [{ key: 'x-api-key', value: 'k7Fq2ZpL9mWx4RtB8vNd' }] }] },
        {
          sensitive: { auth_parameters: [{ api_key: [{ value: true }] }] },
          expressions: { name: { constant_value: 'partner' }, auth_parameters: [{ api_key: [{ key: { constant_value: 'x-api-key' }, value: { constant_value: 'k7Fq2ZpL9mWx4RtB8vNd' } }] }] },
        },
      ),
    ]);
    const graph = graphOf(doc);
    const result = rule.evaluate(graph.resources[0], { graph, settings: DEFAULT_SETTINGS });
    expect((Array.isArray(result) ? result : [result]).map((o) => [o.status, 'path' in o ? o.path : undefined])).toEqual([['fail', 'auth_parameters.0.api_key.0.value']]);
  });
});

// Terraform knows a map written with a key known only after apply only after apply, whole (a plan
// shows `variables = (known after apply)`), yet its values are written in the code.
describe('a map with a key known only after apply (`"${var.project}_ID" = "AKIA…"`)', () => {
  const TF = `variable "project" {
  type = string
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  environment {
    variables = {
      "\${var.project}_AWS_SECRET_ACCESS_KEY" = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
      "\${var.project}_ID"                    = "AKIAIOSFODNN7EXAMPLE"
      DB_PASSWORD                             = "Zq8Wv3xLm9Kp"
    }
  }
}
resource "aws_ssm_parameter" "p" {
  name  = "p"
  type  = "SecureString"
  value = jsonencode({ "\${var.project}_KEY" = "AKIAIOSFODNN7EXAMPLE" })
}
resource "aws_lambda_function" "ok" {
  function_name = "ok"
  role          = "arn:aws:iam::123456789012:role/r"
  environment {
    variables = { "\${var.project}_PASSWORD" = "Zq8Wv3xLm9Kp", "\${var.project}_REGION" = "eu-west-1" }
  }
}
`;
  const CDK = JSON.stringify({
    variable: { project: { type: 'string' } },
    resource: {
      aws_lambda_function: {
        f: {
          function_name: 'f',
          role: 'arn:aws:iam::123456789012:role/r',
          environment: {
            variables: {
              '${var.project}_AWS_SECRET_ACCESS_KEY': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
              '${var.project}_ID': 'AKIAIOSFODNN7EXAMPLE',
              DB_PASSWORD: 'Zq8Wv3xLm9Kp',
            },
          },
        },
        ok: { function_name: 'ok', role: 'arn:aws:iam::123456789012:role/r', environment: { variables: { '${var.project}_PASSWORD': 'Zq8Wv3xLm9Kp', '${var.project}_REGION': 'eu-west-1' } } },
      },
      aws_ssm_parameter: { p: { name: 'p', type: 'SecureString', value: '${jsonencode({ "${var.project}_KEY" = "AKIAIOSFODNN7EXAMPLE" })}' } },
    },
  });

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: its written values are searched by shape, by name under a key the code fixes, never by a key not known; masked in every format', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      const failed = findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
      // aws_lambda_function.ok: a value under a key not known that names a password is not one by its shape.
      expect(failed.map((f) => [f.address, f.path])).toEqual([
        ['aws_lambda_function.f', 'environment.0.variables'],
        ['aws_lambda_function.f', 'environment.0.variables.DB_PASSWORD'],
        ['aws_ssm_parameter.p', 'value'],
      ]);
      expect(failed[0].message).toMatch(/^A value written in `environment\.0\.variables` under a key known only after apply holds an AWS secret access key \(wJal\*\*\*\) and an AWS access key id \(AKIA\*\*\*\)/);
      expect(failed[2].message).toMatch(/an AWS access key id \(AKIA\*\*\*\)/);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|Zq8Wv3xLm9Kp/);
      }
    });
  });

  it("in a data source's arguments and a provisioner's environment too, masked", async () => {
    const tf = `variable "h" {\n  type = string\n}\ndata "http" "x" {\n  url             = "https://example.com"\n  request_headers = { "\${var.h}" = "ghp_0123456789abcdefghijABCDEFGHIJ012345" }\n}\nresource "aws_instance" "i" {\n  ami = "ami-12345678"\n  provisioner "local-exec" {\n    command     = "./deploy.sh"\n    environment = { "\${var.h}" = "AKIAIOSFODNN7EXAMPLE" }\n  }\n}\n`;
    await withFiles({ 'main.tf': tf }, async (dir) => {
      const { findings } = await checkFindings([dir]);
      expect(findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path])).toEqual([
        ['aws_instance.i', 'provisioner.local-exec.0.environment'],
        ['data.http.x', 'request_headers'],
      ]);
      for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', dir, '--format', format])).stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE|ghp_0123456789abcdef/);
    });
  });

  // Either side of a conditional is code the map may be, and tomap() is its argument.
  it.each([
    [
      '.tf',
      'main.tf',
      'variable "p" {\n  type = string\n}\nvariable "flag" {\n  type = bool\n}\nresource "aws_lambda_function" "cond" {\n  function_name = "c"\n  role          = "arn:aws:iam::123456789012:role/r"\n  environment {\n    variables = var.flag ? { "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" } : {}\n  }\n}\nresource "aws_lambda_function" "else" {\n  function_name = "e"\n  role          = "arn:aws:iam::123456789012:role/r"\n  environment {\n    variables = var.p != "" ? null : { "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" }\n  }\n}\nresource "aws_lambda_function" "tomap" {\n  function_name = "t"\n  role          = "arn:aws:iam::123456789012:role/r"\n  environment {\n    variables = tomap({ "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" })\n  }\n}\n',
      'hcl',
    ],
    [
      'cdk.tf.json',
      'cdk.tf.json',
      JSON.stringify({
        variable: { p: { type: 'string' }, flag: { type: 'bool' } },
        resource: {
          aws_lambda_function: {
            cond: { function_name: 'c', role: 'arn:aws:iam::123456789012:role/r', environment: { variables: '${var.flag ? { "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" } : {}}' } },
            else: { function_name: 'e', role: 'arn:aws:iam::123456789012:role/r', environment: { variables: '${var.p != "" ? null : { "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" }}' } },
            tomap: { function_name: 't', role: 'arn:aws:iam::123456789012:role/r', environment: { variables: '${tomap({ "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" })}' } },
          },
        },
      }),
      'cdktf',
    ],
  ])('%s: behind a conditional (either side) or tomap(), masked', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      expect(findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path])).toEqual([
        ['aws_lambda_function.cond', 'environment.0.variables'],
        ['aws_lambda_function.else', 'environment.0.variables'],
        ['aws_lambda_function.tomap', 'environment.0.variables'],
      ]);
      for (const format of ['text', 'json', 'sarif']) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        expect(stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE/);
      }
    });
  });

  /** A Lambda function `name` whose environment variables are `variables` (HCL). */
  const lambda = (name: string, variables: string): string =>
    `resource "aws_lambda_function" "${name}" {\n  function_name = "${name}"\n  role          = "arn:aws:iam::123456789012:role/r"\n  environment {\n    variables = ${variables}\n  }\n}\n`;

  // A function's result built from what its arguments write (terraform 1.11.4 plans each known only after apply whole).
  describe('built by zipmap() or values(), or a step into a call\'s result', () => {
    const FORMS: [string, string][] = [
      ['zipmap', 'zipmap(["${var.p}_ID", "REGION"], ["AKIAIOSFODNN7EXAMPLE", "eu-west-1"])'],
      ['values', 'one(values(local.per_app))'],
      ['step', 'merge(local.per_app, {})["api"]'],
    ];
    const LOCALS = 'locals {\n  per_app = { api = { "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" } }\n}';
    it.each([
      ['.tf', 'main.tf', ['variable "p" {\n  type = string\n}', LOCALS, ...FORMS.map(([name, form]) => lambda(name, form))].join('\n'), 'hcl'],
      [
        'cdk.tf.json',
        'cdk.tf.json',
        JSON.stringify({
          variable: { p: { type: 'string' } },
          locals: { per_app: { api: { '${var.p}_ID': 'AKIAIOSFODNN7EXAMPLE' } } },
          resource: { aws_lambda_function: Object.fromEntries(FORMS.map(([name, form]) => [name, { function_name: name, role: 'arn:aws:iam::123456789012:role/r', environment: { variables: `\${${form}}` } }])) },
        }),
        'cdktf',
      ],
    ])('%s: found on the map\'s path, masked', async (_form, file, text, kind) => {
      await withFiles({ [file]: text }, async (dir) => {
        const { findings } = await checkFindings([dir, '--input-kind', kind]);
        const failed = findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
        expect(failed.map((f) => [f.address, f.path])).toEqual(['step', 'values', 'zipmap'].map((name) => [`aws_lambda_function.${name}`, 'environment.0.variables']));
        expect(failed[2].message).toMatch(/^A value written in `environment\.0\.variables` under a key known only after apply holds an AWS access key id \(AKIA\*\*\*\)/);
        for (const format of ['text', 'json', 'sarif']) {
          const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
          expect(code).toBe(1);
          expect(stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE/);
        }
      });
    });
  });

  // awscc writes nested objects as attributes, not blocks: the map is inside a map the code writes in place.
  it.each([
    ['.tf', 'main.tf', 'variable "project" {\n  type = string\n}\nresource "awscc_lambda_function" "f" {\n  role        = "arn:aws:iam::123456789012:role/r"\n  environment = { variables = { "${var.project}_ID" = "AKIAIOSFODNN7EXAMPLE", TEAM = "iot" } }\n  logging_config = { log_group = "/f" }\n}\n', 'hcl'],
    [
      'cdk.tf.json',
      'cdk.tf.json',
      JSON.stringify({
        variable: { project: { type: 'string' } },
        resource: { awscc_lambda_function: { f: { role: 'arn:aws:iam::123456789012:role/r', environment: { variables: { '${var.project}_ID': 'AKIAIOSFODNN7EXAMPLE', TEAM: 'iot' } }, logging_config: { log_group: '/f' } } } },
      }),
      'cdktf',
    ],
  ])('%s: inside a map written in place (an awscc nested attribute), masked', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      expect(findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path])).toEqual([['awscc_lambda_function.f', 'environment.variables']]);
      for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', dir, '--input-kind', kind, '--format', format])).stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE/);
    });
  });

  // A module's variable holds what its caller writes: the map is known only after apply whole in the module too.
  // no-credentials-in-variables finds it on the call's argument, as it does a map whose keys are known; this rule on
  // the resource that uses it, as it does such a map's value there.
  it.each([
    ['.tf', { 'main.tf': 'variable "project" {\n  type = string\n}\nmodule "app" {\n  source = "./app"\n  env    = { "${var.project}_ID" = "AKIAIOSFODNN7EXAMPLE" }\n}\n' }, 'hcl'],
    ['cdk.tf.json (a local module)', { 'cdk.tf.json': JSON.stringify({ variable: { project: { type: 'string' } }, module: { app: { source: './app', env: { '${var.project}_ID': 'AKIAIOSFODNN7EXAMPLE' } } } }) }, 'cdktf'],
  ])('%s: given to a module whose resource writes environment { variables = var.env }, masked', async (_form, files, kind) => {
    const app = 'variable "env" {\n  type = map(string)\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/r"\n  environment {\n    variables = var.env\n  }\n}\n';
    await withFiles({ ...files, 'app/main.tf': app }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      const failed = (id: string): (string | undefined)[][] => findings.filter((f) => f.ruleId === id && f.status === 'fail').map((f) => [f.address, f.path]);
      expect(failed(rule.id)).toEqual([['module.app.aws_lambda_function.f', 'environment.0.variables']]);
      expect(failed('no-credentials-in-variables')).toEqual([['module.app', 'env']]);
      for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', dir, '--input-kind', kind, '--format', format])).stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE/);
    });
  });

  // Through a module: its variable holds what the call writes, or its default where the call gives none (merged here into
  // a map known only after apply whole); each.value of the call's for_each (the instance of that key reads it:
  // module.app["b"] finds nothing); what the module's code writes in an output, of an instance of a call with count too.
  const PROJECT = 'variable "project" {\n  type = string\n}\n';
  const ENV_OUTPUT = `${PROJECT}output "env" {\n  value = { "\${var.project}_ID" = "AKIAIOSFODNN7EXAMPLE" }\n}\n`;
  const ENV_VARIABLE = 'variable "env" {\n  type = map(string)\n}\n';
  it.each([
    [
      "a module variable's default merged with such a map, where the call gives no argument",
      {
        'main.tf': `${PROJECT}module "app" {\n  source  = "./app"\n  project = var.project\n}\n`,
        'app/main.tf': `${PROJECT}variable "env" {\n  type    = map(string)\n  default = { DEPLOY_KEY_ID = "AKIAIOSFODNN7EXAMPLE" }\n}\n${lambda('f', 'merge(var.env, { "${var.project}_REGION" = "eu-west-1" })')}`,
      },
      ['module.app.aws_lambda_function.f', 'environment.0.variables.DEPLOY_KEY_ID'],
    ],
    [
      'output by a module and used as environment { variables = module.cfg.env }',
      { 'main.tf': `${PROJECT}module "cfg" {\n  source  = "./cfg"\n  project = var.project\n}\n${lambda('f', 'module.cfg.env')}`, 'cfg/main.tf': ENV_OUTPUT },
      ['aws_lambda_function.f', 'environment.0.variables'],
    ],
    [
      'given to a module through each.value of its for_each, used as environment { variables = var.env }',
      {
        'main.tf': `${PROJECT}module "app" {\n  source   = "./app"\n  for_each = { a = { "\${var.project}_ID" = "AKIAIOSFODNN7EXAMPLE" }, b = { REGION = "eu-west-1" } }\n  env      = each.value\n}\n`,
        'app/main.tf': `${ENV_VARIABLE}${lambda('f', 'var.env')}`,
      },
      ['module.app["a"].aws_lambda_function.f', 'environment.0.variables'],
    ],
    [
      'output by an instance of a module call with count and used as environment { variables = module.cfg[0].env }',
      { 'main.tf': `${PROJECT}module "cfg" {\n  source  = "./cfg"\n  count   = 1\n  project = var.project\n}\n${lambda('f', 'module.cfg[0].env')}`, 'cfg/main.tf': ENV_OUTPUT },
      ['aws_lambda_function.f', 'environment.0.variables'],
    ],
  ])('.tf: %s, masked', async (_name, files, found) => {
    await withFiles(files, async (dir) => {
      const { findings } = await checkFindings([dir]);
      expect(findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path])).toEqual([found]);
      for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', dir, '--format', format])).stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE/);
    });
  });

  // A key Terraform knows only after apply in a plan too: a resource's attribute (a variable's is known at plan time).
  it('a plan read with --code: found from the code (a plan alone records the map as references only)', async () => {
    const refs = ['terraform_data.p.output', 'terraform_data.p'];
    const planJson = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: 'aws_lambda_function.f', mode: 'managed', type: 'aws_lambda_function', name: 'f', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { function_name: 'f', environment: [{}] }, sensitive_values: { environment: [{}] } }] } },
      resource_changes: [
        {
          address: 'aws_lambda_function.f', mode: 'managed', type: 'aws_lambda_function', name: 'f', provider_name: 'registry.terraform.io/hashicorp/aws',
          change: { actions: ['create'], before: null, after: { function_name: 'f', environment: [{}] }, after_unknown: { environment: [{ variables: true }], arn: true }, before_sensitive: false, after_sensitive: { environment: [{}] } },
        },
      ],
      configuration: {
        provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
        root_module: {
          resources: [{ address: 'aws_lambda_function.f', mode: 'managed', type: 'aws_lambda_function', name: 'f', provider_config_key: 'aws', expressions: { function_name: { constant_value: 'f' }, environment: [{ variables: { references: refs } }] }, schema_version: 0 }],
        },
      },
    });
    const code = `resource "terraform_data" "p" {
  input = "p"
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  environment {
    variables = { "\${terraform_data.p.output}_ID" = "AKIAIOSFODNN7EXAMPLE" }
  }
}
`;
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
      const failed = async (args: string[]): Promise<string[][]> =>
        (await checkFindings([path.join(dir, 'plan.json'), ...args])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']);
      expect(await failed([])).toEqual([]);
      expect(await failed(['--code', path.join(dir, 'code')])).toEqual([['aws_lambda_function.f', 'environment.0.variables']]);
      const { stdout } = await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '--format', 'sarif']);
      expect(stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE/);
    });
  });

  // The forms a map known only after apply whole reaches an attribute through: a `for` whose value the code writes,
  // functions whose result carries an argument's map, an expanded list, a step into a map of maps, a map nested in an
  // encoded document or in a local. `var.given`'s values are given from outside the code: never searched.
  describe('through a for, a function, a step into a map of maps, a nested map', () => {
    const FORMS: [string, string][] = [
      ['for_literal', '{ for k in var.names : "${k}_ID" => "AKIAIOSFODNN7EXAMPLE" }'],
      ['for_template', '{ for k in var.names : "${k}_ID" => "${k}:AKIAIOSFODNN7EXAMPLE" }'],
      ['for_variable', '{ for k, v in var.given : "${var.p}${k}" => v }'],
      ['try', 'try({ "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" }, {})'],
      ['coalesce', 'coalesce(var.m, { "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" })'],
      ['lookup', 'lookup(local.m, "missing", { "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" })'],
      ['one', 'one([{ "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" }])'],
      ['expanded', 'merge(local.maps...)'],
      ['index', 'local.m["a"]'],
      ['attribute', 'local.cfg.outer'],
    ];
    const LOCALS = {
      m: { a: { '${var.p}_ID': 'AKIAIOSFODNN7EXAMPLE' }, b: { c: 'd' } },
      cfg: { outer: { '${var.p}_ID': 'AKIAIOSFODNN7EXAMPLE' } },
      maps: [{ '${var.p}_ID': 'AKIAIOSFODNN7EXAMPLE' }, { e: 'f' }],
    };
    const ROLE = 'arn:aws:iam::123456789012:role/r';
    const CONTAINERS = 'jsonencode([{ name = "x", image = "nginx", dockerLabels = { "${var.p}" = "AKIAIOSFODNN7EXAMPLE" } }])';
    const DOCUMENT = 'jsonencode({ outer = { "${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" } })';
    const TF = [
      'variable "p" {\n  type = string\n}\nvariable "names" {\n  type = list(string)\n}\nvariable "m" {\n  type = map(string)\n}\nvariable "given" {\n  type = map(string)\n}',
      `locals {\n  m    = { a = { "\${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" }, b = { c = "d" } }\n  cfg  = { outer = { "\${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" } }\n  maps = [{ "\${var.p}_ID" = "AKIAIOSFODNN7EXAMPLE" }, { e = "f" }]\n}`,
      ...FORMS.map(([name, form]) => `resource "aws_lambda_function" "${name}" {\n  function_name = "${name}"\n  role          = "${ROLE}"\n  environment {\n    variables = ${form}\n  }\n}`),
      `resource "aws_ecs_task_definition" "containers" {\n  family                = "x"\n  container_definitions = ${CONTAINERS}\n}`,
      `resource "aws_ssm_parameter" "document" {\n  name  = "d"\n  type  = "String"\n  value = ${DOCUMENT}\n}`,
    ].join('\n');
    const CDK = JSON.stringify({
      variable: { p: { type: 'string' }, names: { type: 'list(string)' }, m: { type: 'map(string)' }, given: { type: 'map(string)' } },
      locals: LOCALS,
      resource: {
        aws_lambda_function: Object.fromEntries(FORMS.map(([name, form]) => [name, { function_name: name, role: ROLE, environment: { variables: `\${${form}}` } }])),
        aws_ecs_task_definition: { containers: { family: 'x', container_definitions: `\${${CONTAINERS}}` } },
        aws_ssm_parameter: { document: { name: 'd', type: 'String', value: `\${${DOCUMENT}}` } },
      },
    });
    const EXPECTED = [
      ['aws_ecs_task_definition.containers', 'container_definitions.0.dockerLabels'],
      ...FORMS.filter(([name]) => name !== 'for_variable').map(([name]) => [`aws_lambda_function.${name}`, 'environment.0.variables']),
      ['aws_ssm_parameter.document', 'value.outer'],
    ].sort();

    it.each([
      ['.tf', 'main.tf', TF, 'hcl'],
      ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
    ])('%s: each fails on the map, masked in every format; a value given from outside is not searched', async (_form, file, text, kind) => {
      await withFiles({ [file]: text }, async (dir) => {
        // cdk.tf.json takes no --var: there the variable is not known at all.
        const given = kind === 'hcl' ? ['--var', 'given={"X_ID"="AKIAIOSFODNN7EXAMPLF"}'] : [];
        const { findings } = await checkFindings([dir, '--input-kind', kind, ...given]);
        expect(findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path]).sort()).toEqual(EXPECTED);
        for (const format of ['text', 'json', 'sarif', 'junit', 'markdown']) {
          const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format, ...given]);
          expect(code).toBe(1);
          if (format !== 'markdown') expect(stdout).toMatch(/AKIA\*/);
          expect(stdout).not.toMatch(/AKIAIOSFODNN7EXAMPL[EF]/);
        }
      });
    });
  });

  // In a plan a variable is known: a key known only after apply is a resource's attribute.
  it('a plan read with --code: through a for, try(), coalesce(), one(), nested in an encoded document', async () => {
    const refs = ['terraform_data.p.output', 'terraform_data.p'];
    const FORMS: [string, string][] = [
      ['for', '{ for k in [terraform_data.p.output] : "${k}_ID" => "AKIAIOSFODNN7EXAMPLE" }'],
      ['try', 'try({ "${terraform_data.p.output}_ID" = "AKIAIOSFODNN7EXAMPLE" }, {})'],
      ['coalesce', 'coalesce({ "${terraform_data.p.output}_ID" = "AKIAIOSFODNN7EXAMPLE" }, {})'],
      ['one', 'one([{ "${terraform_data.p.output}_ID" = "AKIAIOSFODNN7EXAMPLE" }])'],
    ];
    const lambda = (name: string) => ({ address: `aws_lambda_function.${name}`, mode: 'managed', type: 'aws_lambda_function', name, provider_name: 'registry.terraform.io/hashicorp/aws' });
    const ecs = { address: 'aws_ecs_task_definition.t', mode: 'managed', type: 'aws_ecs_task_definition', name: 't', provider_name: 'registry.terraform.io/hashicorp/aws' };
    const planJson = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: {
        root_module: {
          resources: [
            ...FORMS.map(([name]) => ({ ...lambda(name), schema_version: 0, values: { function_name: name, environment: [{}] }, sensitive_values: { environment: [{}] } })),
            { ...ecs, schema_version: 1, values: { family: 't' }, sensitive_values: {} },
          ],
        },
      },
      resource_changes: [
        ...FORMS.map(([name]) => ({ ...lambda(name), change: { actions: ['create'], before: null, after: { function_name: name, environment: [{}] }, after_unknown: { environment: [{ variables: true }], arn: true }, before_sensitive: false, after_sensitive: { environment: [{}] } } })),
        { ...ecs, change: { actions: ['create'], before: null, after: { family: 't' }, after_unknown: { container_definitions: true, arn: true }, before_sensitive: false, after_sensitive: {} } },
      ],
      configuration: {
        provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
        root_module: {
          resources: [
            ...FORMS.map(([name]) => ({ address: `aws_lambda_function.${name}`, mode: 'managed', type: 'aws_lambda_function', name, provider_config_key: 'aws', expressions: { function_name: { constant_value: name }, environment: [{ variables: { references: refs } }] }, schema_version: 0 })),
            { address: 'aws_ecs_task_definition.t', mode: 'managed', type: 'aws_ecs_task_definition', name: 't', provider_config_key: 'aws', expressions: { family: { constant_value: 't' }, container_definitions: { references: refs } }, schema_version: 1 },
          ],
        },
      },
    });
    const code = [
      'resource "terraform_data" "p" {\n  input = "p"\n}',
      ...FORMS.map(([name, form]) => `resource "aws_lambda_function" "${name}" {\n  function_name = "${name}"\n  environment {\n    variables = ${form}\n  }\n}`),
      'resource "aws_ecs_task_definition" "t" {\n  family                = "t"\n  container_definitions = jsonencode([{ name = "x", dockerLabels = { "${terraform_data.p.output}" = "AKIAIOSFODNN7EXAMPLE" } }])\n}',
    ].join('\n');
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
      const failed = async (args: string[]): Promise<string[][]> =>
        (await checkFindings([path.join(dir, 'plan.json'), ...args])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']);
      expect(await failed([])).toEqual([]);
      expect((await failed(['--code', path.join(dir, 'code')])).sort()).toEqual(
        [['aws_ecs_task_definition.t', 'container_definitions.0.dockerLabels'], ...FORMS.map(([name]) => [`aws_lambda_function.${name}`, 'environment.0.variables'])].sort(),
      );
      const { stdout } = await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '--format', 'sarif']);
      expect(stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE/);
    });
  });

  it('a plan read with --code: inside a map written in place (an awscc nested attribute)', async () => {
    const refs = ['terraform_data.p.output', 'terraform_data.p'];
    const type = 'awscc_lambda_function';
    const planJson = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: [{ address: `${type}.f`, mode: 'managed', type, name: 'f', provider_name: 'registry.terraform.io/hashicorp/awscc', schema_version: 1, values: { role: 'r' }, sensitive_values: {} }] } },
      resource_changes: [
        { address: `${type}.f`, mode: 'managed', type, name: 'f', provider_name: 'registry.terraform.io/hashicorp/awscc', change: { actions: ['create'], before: null, after: { role: 'r' }, after_unknown: { environment: true, arn: true }, before_sensitive: false, after_sensitive: {} } },
      ],
      configuration: {
        provider_config: { awscc: { name: 'awscc', full_name: 'registry.terraform.io/hashicorp/awscc' } },
        root_module: { resources: [{ address: `${type}.f`, mode: 'managed', type, name: 'f', provider_config_key: 'awscc', expressions: { role: { constant_value: 'r' }, environment: { references: refs } }, schema_version: 1 }] },
      },
    });
    const code = `resource "terraform_data" "p" {\n  input = "p"\n}\nresource "${type}" "f" {\n  role        = "r"\n  environment = { variables = { "\${terraform_data.p.output}_ID" = "AKIAIOSFODNN7EXAMPLE" } }\n}\n`;
    await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
      const failed = async (args: string[]): Promise<string[][]> =>
        (await checkFindings([path.join(dir, 'plan.json'), ...args])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']);
      expect(await failed([])).toEqual([]);
      expect(await failed(['--code', path.join(dir, 'code')])).toEqual([[`${type}.f`, 'environment.variables']]);
    });
  });

  // A template around a reference is known only after apply, and a plan shows it unknown; its literal text is the code's,
  // judged by its shape alone: a fragment is not the whole value, so no name marks it (`DB_PASSWORD = "${var.p}-readonly"`).
  describe('the literal text of a template around a reference', () => {
    const KEY = 'AKIAIOSFODNN7EXAMPLE';
    const GHP = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    const PEM = 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB';
    const FORMS: [string, string][] = [
      ['X', `"\${var.p}-${KEY}"`],
      ['URL', '"https://admin:s3cretP4ss@${var.p}/db"'],
      ['DOC', `jsonencode({ token = "\${var.p}${GHP}" })`],
      ['FMT', `format("%s-${KEY}", var.p)`],
      ['COND', `var.flag ? "\${var.p}:${KEY}" : ""`],
      ['LOC', 'local.k'],
      // A template anywhere in an expression, and a literal beside a value not known: its text is the code's too. A value in
      // a URL's user name stands in it: the password written after it is found.
      ['UPPER', `upper("\${var.p}-${KEY}")`],
      ['JOIN', `join("", ["\${var.p}", "${KEY}"])`],
      ['FMT_ARG', `format("%s", "\${var.p}${GHP}")`],
      ['HEREDOC', `trimspace(<<EOT\nkey ${KEY} \${var.x}\nEOT\n)`],
      ['COALESCE', `coalesce(var.x, "\${var.p}-${KEY}")`],
      ['CONSTANT', `coalesce(var.x, "${KEY}")`],
      ['SIDE', `var.x == "" ? "${KEY}" : var.x`],
      ['URL_USER', '"https://${var.u}:hunter2@host"'],
      ['URL_FORMAT', 'format("https://%s:hunter2@host", var.u)'],
      ['CHOICE', `var.flag ? "${KEY}" : ""`],
      ['ENCODED', `jsonencode([var.x, "${KEY}"])`],
      // Found once, where a value read already holds it: a known item, a value under a credential's name.
      ['KNOWN_ITEM', `concat([var.x], ["${KEY}"])`],
      ['NAMED', `jsonencode({ a = var.x, token = "${GHP}" })`],
    ];
    // Where a form's finding is, below its variable.
    const BELOW: Record<string, string> = { DOC: '.token', KNOWN_ITEM: '.1', NAMED: '.token' };
    // Fragments that are no credential by their shape, under credentials' names, and a URL whose password is not written
    // whole (a value in it leaves none): they pass.
    const CLEAN = {
      DB_PASSWORD: '"${var.p}-readonly"',
      SECRET_ROLE: '"arn:aws:iam::${var.p}:role/x"',
      PGPASSWORD: 'upper("${var.p}-readonly")',
      URL_PASSWORD: '"postgres://admin:${var.p}@h"',
      URL_BOTH: '"https://${var.u}:${var.p}@h"',
      URL_CUT: '"https://${var.u}:${var.p}hunter2@h"',
    };
    const HEAD = 'variable "p" {\n  type = string\n}\nvariable "u" {\n  type = string\n}\nvariable "x" {\n  type = string\n}\nvariable "flag" {\n  type = bool\n}';
    // An expression as cdk.tf.json writes it: a quoted template as its text, another expression interpolated.
    const cdkForm = (form: string): string => (form.startsWith('"') ? JSON.parse(form) : `\${${form}}`);
    const TF = [
      HEAD,
      `locals {\n  k = "\${var.p}-${KEY}"\n}`,
      ...FORMS.map(([name, form]) => `resource "aws_lambda_function" "${name.toLowerCase()}" {\n  function_name = "f"\n  role          = "r"\n  environment {\n    variables = { ${name} = ${form} }\n  }\n}`),
      `resource "aws_lambda_function" "unknown_key" {\n  function_name = "f"\n  role          = "r"\n  environment {\n    variables = { "\${var.p}_ID" = "\${var.p}:${KEY}" }\n  }\n}`,
      `resource "aws_lambda_function" "clean" {\n  function_name = "f"\n  role          = "r"\n  environment {\n    variables = { ${Object.entries(CLEAN).map(([k, v]) => `${k} = ${v}`).join(', ')} }\n  }\n}`,
      'resource "aws_db_instance" "d" {\n  instance_class = "db.t3.micro"\n  password       = "${var.p}hunter2-long-secret"\n  username       = "${var.p}-readonly"\n}',
      `resource "aws_instance" "pem" {\n  ami           = "ami-12345678"\n  instance_type = "t3.micro"\n  user_data     = <<EOT\n-----BEGIN RSA PRIVATE KEY-----\n${PEM}\n\${var.p}\n-----END RSA PRIVATE KEY-----\nEOT\n}`,
    ].join('\n');
    const CDK = JSON.stringify({
      variable: { p: { type: 'string' }, u: { type: 'string' }, x: { type: 'string' }, flag: { type: 'bool' } },
      locals: { k: `\${var.p}-${KEY}` },
      resource: {
        aws_lambda_function: {
          ...Object.fromEntries(FORMS.map(([name, form]) => [name.toLowerCase(), { function_name: 'f', role: 'r', environment: { variables: { [name]: cdkForm(form) } } }])),
          unknown_key: { function_name: 'f', role: 'r', environment: { variables: { '${var.p}_ID': `\${var.p}:${KEY}` } } },
          clean: { function_name: 'f', role: 'r', environment: { variables: Object.fromEntries(Object.entries(CLEAN).map(([k, v]) => [k, cdkForm(v)])) } },
        },
        aws_db_instance: { d: { instance_class: 'db.t3.micro', password: '${var.p}hunter2-long-secret', username: '${var.p}-readonly' } },
        aws_instance: { pem: { ami: 'ami-12345678', instance_type: 't3.micro', user_data: `-----BEGIN RSA PRIVATE KEY-----\n${PEM}\n\${var.p}\n-----END RSA PRIVATE KEY-----\n` } },
      },
    });
    const EXPECTED = [
      ...FORMS.map(([name]) => [`aws_lambda_function.${name.toLowerCase()}`, `environment.0.variables.${name}${BELOW[name] ?? ''}`]),
      ['aws_lambda_function.unknown_key', 'environment.0.variables'],
      ['aws_instance.pem', 'user_data'],
    ].sort();

    it.each([
      ['.tf', 'main.tf', TF, 'hcl'],
      ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
    ])('%s: each fails where the text holds a credential by its shape, masked in every format; a fragment under a credential name alone passes', async (_form, file, text, kind) => {
      await withFiles({ [file]: text }, async (dir) => {
        const { findings } = await checkFindings([dir, '--input-kind', kind]);
        const failed = findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
        expect(failed.map((f) => [f.address, f.path]).sort()).toEqual(EXPECTED);
        expect(failed.find((f) => f.address === 'aws_lambda_function.x')?.message).toMatch(/^The literal text of a template written in `environment\.0\.variables\.X` holds an AWS access key id/);
        expect(failed.find((f) => f.address === 'aws_lambda_function.upper')?.message).toMatch(/^The literal text of a template written in `environment\.0\.variables\.UPPER` holds an AWS access key id \(AKIA\*+\)/);
        expect(failed.find((f) => f.address === 'aws_lambda_function.url_user')?.message).toMatch(/holds a URL with credentials in it \(https:\/\/\*+:\*+@host\)/);
        for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
          const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
          expect(code).toBe(1);
          // Markdown escapes the mask's `*`.
          expect(stdout).toMatch(/AKIA\\?\*/);
          for (const secret of [KEY, 's3cretP4ss', GHP, PEM, 'hunter2']) expect(stdout).not.toContain(secret);
        }
      });
    });

    // The other sensitive-data rules read the same text, by its shape alone, at any depth of the expression: a local, an output
    // or a module argument under a credential's name whose text is no credential passes; a free-form field, a tag or an output
    // with an email address fails.
    it('.tf: no-credentials-in-variables, no-sensitive-data-in-outputs, -free-form-fields and -tags judge it by its shape alone', async () => {
      const tf = [
        'variable "u" {\n  type = string\n}',
        `locals {\n  db_password = "\${var.u}-readonly"\n  api_token   = "arn:aws:iam::\${var.u}:role/x"\n  key_local   = "\${var.u}-${KEY}"\n  key_call    = upper("\${var.u}-${KEY}")\n  url_local   = "https://\${var.u}:hunter2@host"\n  pg_password = upper("\${var.u}-readonly")\n}`,
        'output "db_password" {\n  value = "${var.u}-readonly"\n}',
        `output "key" {\n  value = "\${var.u}-${KEY}"\n}`,
        `output "key_beside" {\n  value = coalesce(var.u, "${KEY}")\n}`,
        'output "contact" {\n  value = "${var.u} jane.doe@example.com"\n}',
        'output "contact_call" {\n  value = lower("${var.u} jane.doe@example.com")\n}',
        `module "m" {\n  source   = "./m"\n  password = "\${var.u}-readonly"\n  other    = "\${var.u}:${KEY}"\n  joined   = join("", [var.u, "${KEY}"])\n}`,
        'resource "aws_sns_topic" "t" {\n  name         = "t-${var.u}"\n  display_name = "${var.u} owner jane.doe@example.com"\n}',
        'resource "aws_sns_topic" "call" {\n  name         = "call"\n  display_name = title("${var.u} owner jane.doe@example.com")\n  tags = {\n    Owner = lower("${var.u} jane.doe@example.com")\n  }\n}',
      ].join('\n');
      const module = ['password', 'other', 'joined'].map((name) => `variable "${name}" {\n  type = string\n}\n`).join('');
      await withFiles({ 'main.tf': tf, 'm/main.tf': module }, async (dir) => {
        const { findings } = await checkFindings([dir]);
        const failed = findings.filter((f) => f.ruleId.startsWith('no-') && f.status === 'fail').map((f) => [f.ruleId, f.address, f.path]);
        expect(failed.sort()).toEqual(
          [
            ['no-credentials-in-variables', 'local.key_local', 'value'],
            ['no-credentials-in-variables', 'local.key_call', 'value'],
            ['no-credentials-in-variables', 'local.url_local', 'value'],
            ['no-credentials-in-variables', 'module.m', 'other'],
            ['no-credentials-in-variables', 'module.m', 'joined'],
            ['no-sensitive-data-in-free-form-fields', 'aws_sns_topic.t', 'display_name'],
            ['no-sensitive-data-in-free-form-fields', 'aws_sns_topic.call', 'display_name'],
            ['no-sensitive-data-in-tags', 'aws_sns_topic.call', 'tags.Owner'],
            ['no-sensitive-data-in-outputs', 'output.contact', 'value'],
            ['no-sensitive-data-in-outputs', 'output.contact_call', 'value'],
            ['no-sensitive-data-in-outputs', 'output.key', 'value'],
            ['no-sensitive-data-in-outputs', 'output.key_beside', 'value'],
          ].sort(),
        );
        for (const format of ['text', 'json']) {
          const { stdout } = await twinguard(['check', dir, '--format', format]);
          for (const secret of [KEY, 'hunter2', 'jane.doe@example.com']) expect(stdout).not.toContain(secret);
        }
      });
    });

    // A plan records only the references of such an expression: its text is read from the code.
    it.each([
      ['around a reference', `"\${terraform_data.p.output}-${KEY}"`, KEY],
      ['inside a call', `upper("\${terraform_data.p.output}-${KEY}")`, KEY],
      ['beside a value not known', `coalesce(terraform_data.p.output, "${KEY}")`, KEY],
      ['after a value in a URL\'s user name', '"https://${terraform_data.p.output}:hunter2@host"', 'hunter2'],
    ])('a plan read with --code: found from the code (a plan alone shows the value unknown): %s', async (_name, expression, secret) => {
      const refs = ['terraform_data.p.output', 'terraform_data.p'];
      const planJson = JSON.stringify({
        format_version: '1.2',
        terraform_version: '1.11.4',
        planned_values: { root_module: { resources: [{ address: 'aws_lambda_function.f', mode: 'managed', type: 'aws_lambda_function', name: 'f', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { function_name: 'f', environment: [{ variables: {} }] }, sensitive_values: { environment: [{ variables: {} }] } }] } },
        resource_changes: [
          {
            address: 'aws_lambda_function.f', mode: 'managed', type: 'aws_lambda_function', name: 'f', provider_name: 'registry.terraform.io/hashicorp/aws',
            change: { actions: ['create'], before: null, after: { function_name: 'f', environment: [{ variables: {} }] }, after_unknown: { environment: [{ variables: { X: true } }], arn: true }, before_sensitive: false, after_sensitive: { environment: [{ variables: {} }] } },
          },
        ],
        configuration: {
          provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
          root_module: {
            resources: [{ address: 'aws_lambda_function.f', mode: 'managed', type: 'aws_lambda_function', name: 'f', provider_config_key: 'aws', expressions: { function_name: { constant_value: 'f' }, environment: [{ variables: { references: refs } }] }, schema_version: 0 }],
          },
        },
      });
      const code = `resource "terraform_data" "p" {\n  input = "p"\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  environment {\n    variables = { X = ${expression} }\n  }\n}\n`;
      await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
        const failed = async (args: string[]): Promise<string[][]> =>
          (await checkFindings([path.join(dir, 'plan.json'), ...args])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']);
        expect(await failed([])).toEqual([]);
        expect(await failed(['--code', path.join(dir, 'code')])).toEqual([['aws_lambda_function.f', 'environment.0.variables.X']]);
        for (const format of ['text', 'json']) expect((await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '--format', format])).stdout).not.toContain(secret);
      });
    });
  });

  // A `for` whose elements are maps with a key known only after apply: a list `for` (merged, or a step into it) and an
  // object `for` whose values are such maps; terraform 1.11.4 plans each known only after apply whole. Each element's
  // map is read as written: its values by their shape, and by their name under a key the code fixes.
  describe('a for whose elements are maps with a key known only after apply', () => {
    const FORMS: [string, string][] = [
      ['list', 'merge([for k in var.names : { "${k}_ID" = "AKIAIOSFODNN7EXAMPLE", DB_PASSWORD = "Zq8Wv3xLm9Kp" }]...)'],
      ['object', '{ for k, v in var.m : k => { "${v}_KEY" = "AKIAIOSFODNN7EXAMPLE", DB_PASSWORD = "Zq8Wv3xLm9Kp" } }["a"]'],
      ['local', 'local.per["a"]'],
      ['quiet', 'merge([for k in var.names : { "${k}_REGION" = "eu-west-1" }]...)'],
    ];
    const LOCALS = 'locals {\n  per = { for k, v in var.m : k => { "${v}_KEY" = "AKIAIOSFODNN7EXAMPLE", DB_PASSWORD = "Zq8Wv3xLm9Kp" } }\n}';
    const TF = ['variable "names" {\n  type = list(string)\n}\nvariable "m" {\n  type = map(string)\n}', LOCALS, ...FORMS.map(([name, form]) => lambda(name, form))].join('\n');
    const CDK = JSON.stringify({
      variable: { names: { type: 'list(string)' }, m: { type: 'map(string)' } },
      locals: { per: '${{ for k, v in var.m : k => { "${v}_KEY" = "AKIAIOSFODNN7EXAMPLE", DB_PASSWORD = "Zq8Wv3xLm9Kp" } }}' },
      resource: { aws_lambda_function: Object.fromEntries(FORMS.map(([name, form]) => [name, { function_name: name, role: 'arn:aws:iam::123456789012:role/r', environment: { variables: `\${${form}}` } }])) },
    });
    const expected = (): string[][] => ['list', 'local', 'object'].flatMap((name) => [[`aws_lambda_function.${name}`, 'environment.0.variables'], [`aws_lambda_function.${name}`, 'environment.0.variables.DB_PASSWORD']]);
    const failedOf = (findings: readonly { ruleId: string; status: string; address: string; path?: string }[]): string[][] =>
      findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']).sort();

    it.each([
      ['.tf', 'main.tf', TF, 'hcl'],
      ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
    ])('%s: found on the map and under the name, masked in every format', async (_form, file, text, kind) => {
      await withFiles({ [file]: text }, async (dir) => {
        const { findings } = await checkFindings([dir, '--input-kind', kind]);
        expect(failedOf(findings)).toEqual(expected());
        expect(findings.find((f) => f.ruleId === rule.id && f.address === 'aws_lambda_function.list' && f.path === 'environment.0.variables')?.message).toMatch(
          /^A value written in `environment\.0\.variables` under a key known only after apply holds an AWS access key id \(AKIA\*\*\*\)/,
        );
        for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
          const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
          expect(code).toBe(1);
          expect(stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE|Zq8Wv3xLm9Kp/);
        }
      });
    });

    it('a plan read with --code: found from the code, masked (a plan alone records references only)', async () => {
      const refs = ['terraform_data.p.output', 'terraform_data.p'];
      const planJson = JSON.stringify(
        plan(
          [
            res('terraform_data.p', { input: 'x' }, { provider: 'terraform', unknown: { id: true, output: true } }),
            ...FORMS.map(([name]) =>
              res(`aws_lambda_function.${name}`, { function_name: name, environment: [{}] }, {
                unknown: { environment: [{ variables: true }], arn: true },
                expressions: { function_name: { constant_value: name }, environment: [{ variables: { references: name === 'local' ? ['local.per'] : refs } }] },
              }),
            ),
          ],
          { terraformVersion: '1.11.4' },
        ),
      );
      const code = ['resource "terraform_data" "p" {\n  input = { a = "x" }\n}', LOCALS, ...FORMS.map(([name, form]) => lambda(name, form))]
        .join('\n')
        .replaceAll('var.names', 'terraform_data.p.output')
        .replaceAll('var.m', 'terraform_data.p.output');
      await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
        const args = [path.join(dir, 'plan.json'), '--code', path.join(dir, 'code')];
        expect(failedOf((await checkFindings([path.join(dir, 'plan.json')])).findings)).toEqual([]);
        expect(failedOf((await checkFindings(args)).findings)).toEqual(expected());
        for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', ...args, '--format', format])).stdout).not.toMatch(/AKIAIOSFODNN7EXAMPLE|Zq8Wv3xLm9Kp/);
      });
    });
  });
});

// A value known at plan time keeps only part of what its expression writes: a side of a conditional not taken, a function's
// argument, the text a `%{ if }` leaves out. What the code writes is in clear in the repository whatever the value becomes:
// searched by its shape alone, found once per attribute (where the value holds it, there).
describe('a literal the code writes that the value known at plan time does not keep', () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLQ';
  const GHP = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
  const FORMS: [string, string][] = [
    ['COND', `var.flag ? "${KEY}" : "x"`],
    ['LOWER', `lower("${KEY}")`],
    ['REPLACE', `replace(var.x, "${GHP}", "")`],
    ['DIRECTIVE', `"%{if var.flag}${KEY}%{endif}"`],
    ['URL', 'var.flag ? "postgres://admin:s3cretP4ss@db/app" : "none"'],
    ['LOCAL', `local.on ? "x" : "${KEY}"`],
    // The value holds it: found there, once, as before.
    ['HELD', `coalesce("", "${KEY}")`],
    ['BESIDE', `"\${lower("a")}-${KEY}"`],
    ['BOTH', `join(",", [var.flag ? "${KEY}" : "y", "${KEY}"])`],
  ];
  // Literals no detector takes for a credential: a pattern, a name without a value, a format string.
  const CLEAN: [string, string][] = [
    ['PATTERN', 'regex("password=([^;]+)", var.x)'],
    ['NAME_ONLY', 'var.flag ? "Password=" : "x"'],
    ['REDACT', 'replace(var.x, "/token=[^&]*/", "token=REDACTED")'],
    ['FORMAT', 'format("%s://%s@%s", "https", var.x, "host")'],
  ];
  const HEAD = 'variable "flag" {\n  type    = bool\n  default = false\n}\nvariable "x" {\n  type    = string\n  default = "abc"\n}\nlocals {\n  on = true\n}';
  const lambda = (name: string, variables: string): string => `resource "aws_lambda_function" "${name}" {\n  function_name = "f"\n  role          = "r"\n  environment {\n    variables = ${variables}\n  }\n}`;
  const TF = [
    HEAD,
    ...[...FORMS, ...CLEAN].map(([name, form]) => lambda(name.toLowerCase(), `{ ${name} = ${form} }`)),
    // One attribute holds the key in its value, another writes it in a side not taken: each is found, in its own attribute.
    lambda('two', `{ A = "${KEY}", B = var.flag ? "${KEY}" : "x" }`),
    `resource "aws_ssm_parameter" "p" {\n  name  = "x"\n  type  = "String"\n  value = var.flag ? "${KEY}" : "x"\n}`,
  ].join('\n');
  const CDK = JSON.stringify({
    variable: { flag: { type: 'bool', default: false }, x: { type: 'string', default: 'abc' } },
    locals: { on: true },
    resource: {
      aws_lambda_function: {
        ...Object.fromEntries([...FORMS, ...CLEAN].map(([name, form]) => [name.toLowerCase(), { function_name: 'f', role: 'r', environment: { variables: { [name]: form.startsWith('"') ? form.slice(1, -1) : `\${${form}}` } } }])),
        two: { function_name: 'f', role: 'r', environment: { variables: { A: KEY, B: `\${var.flag ? "${KEY}" : "x"}` } } },
      },
      aws_ssm_parameter: { p: { name: 'x', type: 'String', value: `\${var.flag ? "${KEY}" : "x"}` } },
    },
  });
  const EXPECTED = [
    ...FORMS.map(([name]) => [`aws_lambda_function.${name.toLowerCase()}`, `environment.0.variables.${name}`]),
    ['aws_lambda_function.two', 'environment.0.variables.A'],
    ['aws_lambda_function.two', 'environment.0.variables.B'],
    ['aws_ssm_parameter.p', 'value'],
  ].sort();

  it.each([
    ['.tf', 'main.tf', TF, 'hcl'],
    ['cdk.tf.json', 'cdk.tf.json', CDK, 'cdktf'],
  ])('%s: each fails, once, masked in every format; a literal of no credential\'s shape passes', async (_form, file, text, kind) => {
    await withFiles({ [file]: text }, async (dir) => {
      const { findings } = await checkFindings([dir, '--input-kind', kind]);
      const failed = findings.filter((f) => f.ruleId === rule.id && f.status === 'fail');
      expect(failed.map((f) => [f.address, f.path]).sort()).toEqual(EXPECTED);
      expect(failed.find((f) => f.address === 'aws_ssm_parameter.p')?.message).toMatch(/^A literal written in the code of `value` that its value does not keep holds an AWS access key id \(AKIA\*+\)/);
      expect(failed.find((f) => f.address === 'aws_lambda_function.held')?.message).toMatch(/^`environment\.0\.variables\.HELD` holds an AWS access key id/);
      expect(failed.find((f) => f.address === 'aws_lambda_function.both')?.message).toMatch(/^`environment\.0\.variables\.BOTH` holds an AWS access key id \(AKIA\*+\)\./);
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'codequality']) {
        const { stdout, code } = await twinguard(['check', dir, '--input-kind', kind, '--format', format]);
        expect(code).toBe(1);
        for (const secret of [KEY, GHP, 's3cretP4ss']) expect(stdout).not.toContain(secret);
      }
    });
  });
});

describe('a literal a known output or module argument does not keep', () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLQ';
  const GHP = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
  // A printed output and a sensitive one, a module call's arguments: what their code writes, whatever the value keeps.
  const TF = [
    'variable "flag" {\n  type    = bool\n  default = false\n}',
    `output "printed" {\n  value = var.flag ? "${KEY}" : "x"\n}`,
    `output "secret" {\n  value     = lower("${KEY}")\n  sensitive = true\n}`,
    'output "clean" {\n  value = var.flag ? "Password=" : "x"\n}',
    `module "m" {\n  source = "./m"\n  other  = var.flag ? "${KEY}" : "y"\n  plain  = replace("abc", "${GHP}", "")\n  clean  = var.flag ? "Password=" : "x"\n}`,
  ].join('\n');
  const MODULE = ['other', 'plain', 'clean'].map((name) => `variable "${name}" {\n  type = string\n}\n`).join('');

  it('.tf: each fails, masked, and says the code writes it', async () => {
    await withFiles({ 'main.tf': TF, 'm/main.tf': MODULE }, async (dir) => {
      const { findings } = await checkFindings([dir]);
      const failed = findings.filter((f) => f.ruleId.startsWith('no-') && f.status === 'fail');
      expect(failed.map((f) => [f.ruleId, f.address, f.path]).sort()).toEqual(
        [
          ['no-sensitive-data-in-outputs', 'output.printed', 'value'],
          ['no-sensitive-data-in-outputs', 'output.secret', 'value'],
          ['no-credentials-in-variables', 'module.m', 'other'],
          ['no-credentials-in-variables', 'module.m', 'plain'],
        ].sort(),
      );
      expect(failed.find((f) => f.address === 'output.secret')?.message).toMatch(/^The code of `output\.secret` writes a literal its value does not keep, in clear in the repository whatever the value becomes, and it holds an AWS access key id \(AKIA\*+\)/);
      for (const format of ['text', 'json', 'sarif']) {
        const { stdout, code } = await twinguard(['check', dir, '--format', format]);
        expect(code).toBe(1);
        for (const secret of [KEY, GHP]) expect(stdout).not.toContain(secret);
      }
    });
  });
});

// terraform 1.11.4 records `var.flag ? "…" : "x"` and `replace(var.x, "…", "")` by their references and `lower("…")` as its
// constant: a plan alone holds none of the text. With its code, the text is the code's where the code is the plan's (the
// same references, or the same constant), whatever value the plan was made with (`-var x=zzz`).
it('a plan read with --code: the literal a known value does not keep is found from the code', async () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLQ';
  const GHP = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
  const params: [string, string, Record<string, unknown>][] = [
    ['cond', 'x', { references: ['var.flag'] }],
    ['lower', KEY.toLowerCase(), { constant_value: KEY.toLowerCase() }],
    ['replace', 'zzz', { references: ['var.x'] }],
    // Code edited since the plan: another constant, other references; nothing is taken from it.
    ['edited', 'old', { constant_value: 'old' }],
  ];
  const resource = (name: string, value: string): Record<string, unknown> => ({ address: `aws_ssm_parameter.${name}`, mode: 'managed', type: 'aws_ssm_parameter', name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { name, type: 'String', value }, sensitive_values: {} });
  const planJson = JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.4',
    variables: { flag: { value: false }, x: { value: 'zzz' } },
    planned_values: { root_module: { resources: params.map(([name, value]) => resource(name, value)) } },
    resource_changes: params.map(([name, value]) => ({ address: `aws_ssm_parameter.${name}`, mode: 'managed', type: 'aws_ssm_parameter', name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { name, type: 'String', value }, after_unknown: { arn: true, id: true }, before_sensitive: false, after_sensitive: {} } })),
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
      root_module: {
        resources: params.map(([name, , value]) => ({ address: `aws_ssm_parameter.${name}`, mode: 'managed', type: 'aws_ssm_parameter', name, provider_config_key: 'aws', expressions: { name: { constant_value: name }, type: { constant_value: 'String' }, value }, schema_version: 0 })),
        variables: { flag: { default: false }, x: { default: 'abc' } },
      },
    },
  });
  const code = [
    'variable "flag" {\n  type    = bool\n  default = false\n}\nvariable "x" {\n  type    = string\n  default = "abc"\n}',
    ...[
      ['cond', `var.flag ? "${KEY}" : "x"`],
      ['lower', `lower("${KEY}")`],
      ['replace', `replace(var.x, "${GHP}", "")`],
      ['edited', `lower("${KEY}")`],
    ].map(([name, form]) => `resource "aws_ssm_parameter" "${name}" {\n  name  = "${name}"\n  type  = "String"\n  value = ${form}\n}`),
  ].join('\n');
  await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
    const failed = async (args: string[]): Promise<string[][]> =>
      (await checkFindings([path.join(dir, 'plan.json'), ...args])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']);
    expect(await failed([])).toEqual([]);
    expect((await failed(['--code', path.join(dir, 'code')])).sort()).toEqual([['aws_ssm_parameter.cond', 'value'], ['aws_ssm_parameter.lower', 'value'], ['aws_ssm_parameter.replace', 'value']]);
    for (const format of ['text', 'json', 'sarif']) {
      const { stdout, code: exit } = await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '--format', format]);
      expect(exit).toBe(1);
      for (const secret of [KEY, GHP]) expect(stdout).not.toContain(secret);
    }
  });
});

// The tags rules read tags' values; the text a tag's known value does not keep is code, found here (a free-form tag's, Name, by
// no-sensitive-data-in-free-form-fields: once).
it('.tf: a credential a tag\'s known value does not keep fails on the tag, once, masked', async () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLQ';
  const tf = `variable "flag" {\n  type    = bool\n  default = false\n}\nresource "aws_sns_topic" "t" {\n  name = "t"\n  tags = {\n    Secret = lower("${KEY}")\n    Name   = var.flag ? "${KEY}" : "t"\n    Team   = var.flag ? "Password=" : "iot"\n  }\n}\n`;
  await withFiles({ 'main.tf': tf }, async (dir) => {
    const { findings } = await checkFindings([dir]);
    expect(findings.filter((f) => f.ruleId.startsWith('no-') && f.status === 'fail').map((f) => [f.ruleId, f.path]).sort()).toEqual([
      ['no-credentials-in-attributes', 'tags.Secret'],
      ['no-sensitive-data-in-free-form-fields', 'tags.Name'],
    ]);
    for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', dir, '--format', format])).stdout).not.toContain(KEY);
  });
});

// A map written in place whose part the code folds to a constant (A) beside a part known only after apply (B): terraform 1.11.4
// records the map by all its references, the code by B's alone; the text A's value does not keep is the code's all the same.
it('a plan read with --code: the literal a part of a map does not keep, beside a value not known, is found from the code', async () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLQ';
  const type = 'aws_lambda_function';
  const values = { function_name: 'f', environment: [{ variables: { A: 'x' } }] };
  const planJson = JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.4',
    variables: { flag: { value: false } },
    planned_values: { root_module: { resources: [{ address: `${type}.f`, mode: 'managed', type, name: 'f', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values, sensitive_values: { environment: [{ variables: {} }] } }] } },
    resource_changes: [{ address: `${type}.f`, mode: 'managed', type, name: 'f', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: values, after_unknown: { environment: [{ variables: { B: true } }], arn: true }, before_sensitive: false, after_sensitive: { environment: [{ variables: {} }] } } }],
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } },
      root_module: {
        resources: [{ address: `${type}.f`, mode: 'managed', type, name: 'f', provider_config_key: 'aws', expressions: { function_name: { constant_value: 'f' }, environment: [{ variables: { references: ['var.flag', 'terraform_data.p.output', 'terraform_data.p'] } }] }, schema_version: 0 }],
        variables: { flag: { default: false } },
      },
    },
  });
  const code = `variable "flag" {\n  type    = bool\n  default = false\n}\nresource "terraform_data" "p" {\n  input = "p"\n}\nresource "${type}" "f" {\n  function_name = "f"\n  environment {\n    variables = { A = var.flag ? "${KEY}" : "x", B = terraform_data.p.output }\n  }\n}\n`;
  await withFiles({ 'plan.json': planJson, 'code/main.tf': code }, async (dir) => {
    const failed = async (args: string[]): Promise<string[][]> =>
      (await checkFindings([path.join(dir, 'plan.json'), ...args])).findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => [f.address, f.path ?? '']);
    expect(await failed([])).toEqual([]);
    expect(await failed(['--code', path.join(dir, 'code')])).toEqual([[`${type}.f`, 'environment.0.variables.A']]);
    expect((await twinguard(['check', path.join(dir, 'plan.json'), '--code', path.join(dir, 'code'), '--format', 'json'])).stdout).not.toContain(KEY);
  });
});

// One attribute's value holding a key does not hide the same key another attribute's code writes around a value not known.
it('.tf: the literal text of a template around a value not known is found in its attribute even where another attribute\'s value holds the same', async () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLQ';
  const tf = `variable "p" {\n  type = string\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "r"\n  environment {\n    variables = { A = "${KEY}", B = "\${var.p}-${KEY}", C = concat([var.p], ["${KEY}"]) }\n  }\n}\n`;
  await withFiles({ 'main.tf': tf }, async (dir) => {
    const { findings } = await checkFindings([dir]);
    expect(findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => f.path).sort()).toEqual(['environment.0.variables.A', 'environment.0.variables.B', 'environment.0.variables.C.1']);
    expect((await twinguard(['check', dir, '--format', 'json'])).stdout).not.toContain(KEY);
  });
});

// A value under a credential's name (found where it is written) hides the same credential only in the literal text of its own
// attribute's template (`N`, at `N.token`, once): another attribute's template writes it again, in clear there too (`B`).
it.each([
  ['.tf', 'main.tf', 'hcl'],
  ['cdk.tf.json', 'cdk.tf.json', 'cdktf'],
])("%s: a value under a credential's name does not hide the same credential in another attribute's template", async (_form, file, kind) => {
  const GHP = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
  const variables = { API_TOKEN: `"${GHP}"`, B: `"\${var.p}-${GHP}"`, N: `jsonencode({ a = var.p, token = "${GHP}" })` };
  const text =
    kind === 'hcl'
      ? `variable "p" {\n  type = string\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "r"\n  environment {\n    variables = { ${Object.entries(variables).map(([k, v]) => `${k} = ${v}`).join(', ')} }\n  }\n}\n`
      : JSON.stringify({
          variable: { p: { type: 'string' } },
          resource: { aws_lambda_function: { f: { function_name: 'f', role: 'r', environment: { variables: { API_TOKEN: GHP, B: `\${var.p}-${GHP}`, N: `\${jsonencode({ a = var.p, token = "${GHP}" })}` } } } } },
        });
  await withFiles({ [file]: text }, async (dir) => {
    const { findings } = await checkFindings([dir, '--input-kind', kind]);
    expect(findings.filter((f) => f.ruleId === rule.id && f.status === 'fail').map((f) => f.path).sort()).toEqual(['environment.0.variables.API_TOKEN', 'environment.0.variables.B', 'environment.0.variables.N.token']);
    for (const format of ['text', 'json', 'sarif']) expect((await twinguard(['check', dir, '--input-kind', kind, '--format', format])).stdout).not.toContain(GHP);
  });
});

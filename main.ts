/**
 * The cdktf app: one `twinmaker-<env>` stack per environment in config/environments.ts.
 * Run with `npx cdktf synth` (offline; no terraform binary needed). A config or construct error prints one line.
 */
import { App } from 'cdktf';
import { loadEnvironments } from './config/environments';
import { buildApp } from './stacks/twinmaker-stack';

function main(): void {
  const app = new App();
  // Hook: a later issue passes `{ validations }` here to run the twinguard gate at synth time.
  buildApp(app, loadEnvironments());
  app.synth();
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

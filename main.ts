/**
 * The cdktf app: one `twinmaker-<env>` stack per environment in config/environments.ts.
 * Run with `npx cdktf synth` (offline; no terraform binary needed). A config or construct error prints one line.
 */
import { App } from 'cdktf';
import { loadEnvironments } from './config/environments';
import { buildProjectApp } from './stacks/project-gate';

function main(): void {
  const app = new App();
  // Every stack is checked by twinguard at synth: `cdktf synth` / `cdktf deploy` of a stack that breaks a rule fails.
  // The configuration is the project's twinguard.config.*, else the strict example, which requires FIPS for prod.
  buildProjectApp(app, loadEnvironments(), __dirname);
  app.synth();
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

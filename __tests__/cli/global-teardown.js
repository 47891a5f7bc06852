/** Jest global teardown: remove the run's TMPDIR (see global-setup.js), with what cdktf left in it. */
const fs = require('node:fs');

module.exports = async function removeRunTmp() {
  if (globalThis.__twinguardRunTmp) fs.rmSync(globalThis.__twinguardRunTmp, { recursive: true, force: true });
};

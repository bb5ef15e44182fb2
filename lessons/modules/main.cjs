// CommonJS loading both kinds.
const { greet, kind } = require('./greet.cjs');
console.log(`  require('./greet.cjs'): ${greet('CJS')} — ${kind}`);

// An ES module from CommonJS: import() always works (it returns a promise)...
import('./greet.mjs').then(({ greet: greetEsm }) => {
  console.log(`  import('./greet.mjs') from CommonJS: ${greetEsm('CJS')}`);
  // ...and since Node 20.19 / 22.12, require() of an ES module without top-level await works too.
  try {
    const esm = require('./greet.mjs');
    console.log(`  require('./greet.mjs'): works on Node ${process.version} (${typeof esm.greet})`);
  } catch (err) {
    console.log(`  require('./greet.mjs'): ${err.code} on Node ${process.version}`);
  }
});

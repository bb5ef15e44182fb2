// A plain .js file: what it is depends on the nearest package.json's "type".
console.log(`  which.js is ${typeof require === 'undefined' ? 'an ES module' : 'CommonJS'}`);

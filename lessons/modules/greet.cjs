// CommonJS: `require` and `module.exports`, loaded synchronously, wrapped in a function
// that gives this file its own `require`, `module`, `exports`, `__filename`, `__dirname`.
exports.greet = (name) => `hello, ${name} (from CommonJS)`;
exports.kind = typeof require === 'function' ? 'CommonJS: require is defined' : 'not CommonJS';

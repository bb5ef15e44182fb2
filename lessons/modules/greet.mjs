// An ES module: `import`/`export`, parsed before it runs (exports are known ahead of time),
// strict mode, no `require`, `import.meta` instead of `__filename`.
export const greet = (name) => `hello, ${name} (from an ES module)`;
export const kind = typeof require === 'undefined' ? 'ES module: require is undefined' : 'not ESM';
export default greet;

/**
 * Reads docs/ROADMAP.md the way tests/unit/roadmap.test.ts checks it. A row is a table line
 * whose first cell is a topic number from docs/roadmap-topics.md (or `+` for a topic the
 * project adds). In its cells:
 * - `` `path` › `symbol`, `other` `` — a file and what it defines;
 * - `` `tests/….test.ts` › "a test name" `` — a test file and a `describe`/`it` title in it;
 * - any other backticked token naming something in the repository is a path;
 * - a relative Markdown link is a path too.
 * `checkRoadmap` returns one line per broken pointer; none means the map is true.
 */
import fs from 'node:fs';
import path from 'node:path';

interface Row {
  id: string;
  line: number;
  cells: string[];
}

export interface Pointer {
  file: string;
  names: string[];
}

const ROW_ID = /^(?:\d+|B)\.\d+$|^\+$/;

function parseRows(markdown: string): Row[] {
  return markdown.split('\n').flatMap((text, i) => {
    if (!text.startsWith('|')) return [];
    const cells = text
      .slice(1, text.trimEnd().endsWith('|') ? text.trimEnd().length - 1 : undefined)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    return ROW_ID.test(cells[0] ?? '') ? [{ id: cells[0]!, line: i + 1, cells }] : [];
  });
}

/** The topic numbers of docs/roadmap-topics.md, in order ("- 1.1 …"). */
export function parseTopics(markdown: string): string[] {
  return [...markdown.matchAll(/^- ((?:\d+|B)\.\d+) /gm)].map((m) => m[1]!);
}

/**
 * `path` › `a`, `b` (symbols) and `path` › "x"; "y" (test names) in one cell: after the
 * arrow come backticked or quoted names, separated by commas or semicolons, up to other
 * text or the next `path` ›.
 */
export function pointersIn(cell: string): { symbols: Pointer[]; tests: Pointer[] } {
  const tokens = (cell.match(/`[^`]*`|"[^"]*"|›|[,;]|\s+|[^`"›,;\s]+/g) ?? []).filter(
    (t) => !/^\s+$/.test(t),
  );
  const symbols: Pointer[] = [];
  const tests: Pointer[] = [];
  const isName = (t: string | undefined) => t !== undefined && /^[`"]/.test(t);
  for (let i = 0; i < tokens.length; i += 1) {
    if (!tokens[i]!.startsWith('`') || tokens[i + 1] !== '›') continue;
    const file = tokens[i]!.slice(1, -1);
    const symbolNames: string[] = [];
    const testNames: string[] = [];
    let j = i + 2;
    while (isName(tokens[j]) && tokens[j + 1] !== '›') {
      const token = tokens[j]!;
      (token.startsWith('`') ? symbolNames : testNames).push(token.slice(1, -1));
      if (tokens[j + 1] === ',' || tokens[j + 1] === ';') j += 2;
      else {
        j += 1;
        break;
      }
    }
    if (symbolNames.length) symbols.push({ file, names: symbolNames });
    if (testNames.length) tests.push({ file, names: testNames });
    i = j - 1;
  }
  return { symbols, tests };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CODE = /\.(?:[cm]?[jt]s|go)$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\(\))?$/;

/**
 * Whether `file`'s text defines `symbol`: in code, a declaration, a property or method, a
 * binding imported from a package (a relative import is not a definition: the code moved)
 * or (Go) a func; `a.b` is looked up as written (a member used there);
 * anything else — a config key, an nginx directive — must appear as written.
 */
function defines(source: string, file: string, symbol: string): boolean {
  if (!CODE.test(file) || !IDENTIFIER.test(symbol)) return source.includes(symbol);
  const name = escape(symbol.replace(/\(\)$/, ''));
  return [
    `\\b(?:function\\*?|class|interface|type|enum|const|let|var)\\s+${name}\\b`,
    `^\\s*(?:export\\s+)?(?:async\\s+)?\\*?\\s*(?:get\\s+|set\\s+)?['"]?${name}['"]?\\??\\s*[(:=<]`,
    `[.\\s]${name}\\s*=[^=]`,
    // an export list of the file's own bindings (not a re-export from elsewhere)
    `\\bexport\\s*(?:type\\s*)?\\{[^}]*\\b${name}\\b[^}]*\\}(?!\\s*from)`,
    // a library's binding: what the file takes from a package, never a moved local symbol
    `\\bimport\\s*(?:type\\s*)?\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"](?![./])`,
    `\\bimport\\s+(?:\\*\\s+as\\s+)?${name}\\b[^;]*?from\\s*['"](?![./])`,
    `\\bfunc\\s+(?:\\([^)]*\\)\\s*)?${name}\\b`,
  ].some((pattern) => new RegExp(pattern, 'm').test(source));
}

/** Whether `source` (a test file) has a describe/it/test titled `name`. */
function hasTestNamed(source: string, name: string): boolean {
  const title = escape(name);
  return new RegExp(`\\b(?:describe|it|test)(?:\\.\\w+)*\\(\\s*(['"\`])${title}\\1`).test(source);
}

/** Backticked tokens and relative link targets that name something in the repository. */
function pathsIn(cell: string, root: string, relativeTo: string): string[] {
  const topLevel = new Set(fs.readdirSync(root));
  const fromTicks = [...cell.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!.replace(/[#:].*$/, ''))
    .filter((token) => topLevel.has(token.split('/')[0]!) && /^[\w./@-]+$/.test(token));
  const fromLinks = [...cell.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => path.relative(root, path.resolve(relativeTo, target)));
  return [...fromTicks, ...fromLinks];
}

export interface RoadmapFiles {
  root: string;
  /** The text of docs/ROADMAP.md. */
  roadmap: string;
  /** The text of docs/roadmap-topics.md. */
  topics: string;
}

export function checkRoadmap({ root, roadmap, topics }: RoadmapFiles): string[] {
  const problems: string[] = [];
  const rows = parseRows(roadmap);
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  const exists = (file: string) => fs.existsSync(path.join(root, file));

  const wanted = parseTopics(topics);
  const listed = rows.map((r) => r.id).filter((id) => id !== '+');
  for (const id of wanted) if (!listed.includes(id)) problems.push(`topic ${id} has no row`);
  for (const id of listed) if (!wanted.includes(id)) problems.push(`row ${id} is no topic`);
  const inOrder = wanted.filter((id) => listed.includes(id));
  if (listed.join() !== inOrder.join() && problems.length === 0)
    problems.push(`rows are not in the roadmap's order: ${listed.join(', ')}`);

  for (const row of rows) {
    const at = `row ${row.id} (line ${row.line})`;
    const text = row.cells.slice(1).join(' | ');
    for (const file of pathsIn(text, root, path.join(root, 'docs'))) {
      if (!exists(file)) problems.push(`${at}: ${file} does not exist`);
    }
    const { symbols, tests } = pointersIn(text);
    for (const { file, names } of symbols) {
      if (!exists(file)) continue; // said above
      const source = read(file);
      for (const name of names)
        if (!defines(source, file, name)) problems.push(`${at}: ${file} does not define ${name}`);
    }
    for (const { file, names } of tests) {
      if (!exists(file)) continue;
      const source = read(file);
      for (const name of names)
        if (!hasTestNamed(source, name)) problems.push(`${at}: ${file} has no test "${name}"`);
    }
    if (row.id !== '+' && symbols.length === 0) problems.push(`${at}: names no file › symbol`);
    if (tests.length === 0) problems.push(`${at}: names no test › "name"`);
  }
  return problems;
}

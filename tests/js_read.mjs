// Read YAML texts with the JavaScript `yaml` package and print their data as typed JSON.
//
// Usage: node js_read.mjs NODE_MODULES_DIR
// Each stdin line is a JSON array of YAML texts; for each line, one stdout line answers with a
// JSON array holding, per text, {"docs": [...]} or {"error": "..."}. Values are encoded so that
// no type is lost on the way through JSON: an integer is {"i": "digits"} (read as a BigInt, so
// exact at any size), a float is {"f": "text"}, a mapping is {"m": [[key, value], ...]} in order;
// strings, booleans, null and arrays are themselves.
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";

const require = createRequire(path.join(path.resolve(process.argv[2]), "index.js"));
const YAML = require("yaml");

function encode(value) {
  if (value === null || typeof value === "string" || typeof value === "boolean") {
    return value;
  }
  if (typeof value === "bigint") {
    return { i: value.toString() };
  }
  if (typeof value === "number") {
    return { f: Number.isNaN(value) ? "nan" : value === Infinity ? "inf" : value === -Infinity ? "-inf" : String(value) };
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (value instanceof Map) {
    return { m: [...value.entries()].map(([k, v]) => [encode(k), encode(v)]) };
  }
  return { error: `unexpected value of type ${typeof value}` };
}

function read(text) {
  try {
    const docs = YAML.parseAllDocuments(text, { version: "1.2", schema: "core", intAsBigInt: true, uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    const out = [];
    for (const doc of list) {
      if (doc.errors.length > 0) {
        return { error: doc.errors.map((e) => e.message).join("; ") };
      }
      out.push(encode(doc.toJS({ mapAsMap: true, maxAliasCount: -1 })));
    }
    return { docs: out };
  } catch (e) {
    return { error: String(e) };
  }
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
for await (const line of lines) {
  if (line.trim() === "") continue;
  const texts = JSON.parse(line);
  process.stdout.write(JSON.stringify(texts.map(read)) + "\n");
}

// Generates src/api/schema.d.ts from the committed OpenAPI snapshot (openapi.json). Writes through a
// temporary file and a rename, and only when the content changed, so parallel builds never see half a file.
import openapiTS, { astToString } from 'openapi-typescript';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const target = 'src/api/schema.d.ts';
const document = JSON.parse(readFileSync('openapi.json', 'utf8'));
const ast = await openapiTS(document);
const header = '// Generated from openapi.json by scripts/generate-api.mjs during the build. Do not edit.\n';
const text = header + astToString(ast);
if (existsSync(target) && readFileSync(target, 'utf8') === text) {
  console.log('frontend: API types up to date');
} else {
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, target);
  console.log('frontend: API types generated from openapi.json');
}

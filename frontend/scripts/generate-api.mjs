// Generates, from the committed OpenAPI snapshot (openapi.json):
//   src/api/schema.d.ts          the API's TypeScript types
//   src/lib/settingsSchema.ts    the trading settings' ranges, choices and symbol pattern, as the API's
//                                bean-validation constraints show them (minimum/maximum/pattern/enum/items),
//                                and the EMA periods the candles carry (CandleView's emaN fields)
// Each is written through a temporary file and a rename, and only when the content changed, so parallel
// builds never see half a file.
import openapiTS, { astToString } from 'openapi-typescript';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

function write(target, text, what) {
  if (existsSync(target) && readFileSync(target, 'utf8') === text) {
    console.log(`frontend: ${what} up to date`);
  } else {
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
    console.log(`frontend: ${what} generated from openapi.json`);
  }
}

/** The settings form's rules from the SettingsBody schema; fails the build when a rule is missing there. */
export function settingsSchema(document) {
  const body = document.components?.schemas?.SettingsBody;
  if (!body?.properties) throw new Error('openapi.json has no SettingsBody schema');
  const ranges = {};
  const choices = {};
  let symbols;
  for (const [field, schema] of Object.entries(body.properties)) {
    if (schema.type === 'integer' || schema.type === 'number') {
      if (typeof schema.minimum !== 'number' || typeof schema.maximum !== 'number') {
        throw new Error(`SettingsBody.${field} has no minimum and maximum in openapi.json`);
      }
      ranges[field] = { min: schema.minimum, max: schema.maximum, integer: schema.type === 'integer' };
    } else if (Array.isArray(schema.enum)) {
      choices[field] = schema.enum;
    } else if (field === 'symbols') {
      if (typeof schema.items?.pattern !== 'string' || typeof schema.maxItems !== 'number') {
        throw new Error('SettingsBody.symbols has no item pattern or maxItems in openapi.json');
      }
      symbols = { pattern: schema.items.pattern, minItems: schema.minItems ?? 0, maxItems: schema.maxItems };
    }
  }
  if (!symbols) throw new Error('SettingsBody has no symbols in openapi.json');
  // the EMA periods the market feed computes: the candles' emaN fields
  const emaPeriods = Object.keys(document.components.schemas.CandleView?.properties ?? {})
    .map((name) => /^ema(\d+)$/.exec(name)?.[1])
    .filter((n) => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const json = (value) => JSON.stringify(value, null, 2);
  return `// Generated from openapi.json (SettingsBody, and CandleView for the EMA periods) by scripts/generate-api.mjs during the build. Do not edit:
// change the constraints in the API (core-api TradingSettings, api-gateway Dtos.SettingsBody) and refresh the snapshot.

/** Inclusive range of each numeric setting; integer settings take whole numbers only. */
export const SETTINGS_RANGES = ${json(ranges)} as const;

/** The allowed values of each choice setting, in the API's order. */
export const SETTINGS_CHOICES = ${json(choices)} as const;

/** The EMA periods the market feed computes (the candles' emaN fields), shortest first. */
export const CANDLE_EMA_PERIODS = ${json(emaPeriods)} as const;

/** How many symbols a bot trades, and the pattern each must match. */
export const SETTINGS_SYMBOLS = {
  pattern: new RegExp(${json(symbols.pattern)}),
  minItems: ${symbols.minItems},
  maxItems: ${symbols.maxItems},
} as const;
`;
}

const document = JSON.parse(readFileSync('openapi.json', 'utf8'));
const ast = await openapiTS(document);
const header = '// Generated from openapi.json by scripts/generate-api.mjs during the build. Do not edit.\n';
write('src/api/schema.d.ts', header + astToString(ast), 'API types');
write('src/lib/settingsSchema.ts', settingsSchema(document), 'settings rules');

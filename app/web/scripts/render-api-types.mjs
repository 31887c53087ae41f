// Reads an OpenAPI document on stdin and prints its TypeScript types (openapi-typescript).
// Run as its own process because openapi-typescript is an ES module.
import openapiTS, { astToString } from 'openapi-typescript';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const ast = await openapiTS(document, { alphabetize: true });
process.stdout.write(astToString(ast));

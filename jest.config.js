/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // content-disposition (used by @fastify/static) and cookie 2 (used by light-my-request, which
  // fastify's inject() runs on) ship only ESM: compile them to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  testTimeout: 120000,
  maxWorkers: 2,
};

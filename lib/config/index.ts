export * from './config-error';
export * from './environment-config';
export * from './environment-name';
export * from './environments';
export * from './load-config';
export * from './release';
export * from './release-schema';

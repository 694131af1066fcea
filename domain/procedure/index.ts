export * from './define';
export * from './phases';
export * from './schema';
export * from './validate';

export * from './workspace';
export * from './imports';
export * from './cases';
export * from './learning';

export * from './products';
export * from './orders';
export * from './subscriptions';
export * from './payments';
export * from './operations';
export * from './users';
export * from './rate-limits';
export * from './relations';

export * from './products';
export * from './orders';
export * from './payments';
export * from './operations';
export * from './users';
export * from './sign-in-limits';
export * from './relations';

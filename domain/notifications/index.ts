export * from './occasions';
export * from './format';
export * from './sms';
export * from './contact';
export * from './templates';

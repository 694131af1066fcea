export * from './occasions';
export * from './notification';
export * from './format';
export * from './sms';
export * from './contact';
export * from './render';

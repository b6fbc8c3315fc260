export * from './emorealm';

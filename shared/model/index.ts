export * from '../schema/model';
export * from './params';
export * from './flops';
export * from './kv-cache';
export * from './weights';
export * from './hf-import';

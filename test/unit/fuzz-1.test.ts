// Fuzzing every parser that takes outside input (shard 1 of 2): see test/fuzz/suite.ts.
import { fuzzShard } from '../fuzz/suite';

fuzzShard(0, 2);

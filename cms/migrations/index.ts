import * as migration_20261123_073357_initial from './20261123_073357_initial';

export const migrations = [
  {
    up: migration_20261123_073357_initial.up,
    down: migration_20261123_073357_initial.down,
    name: '20261123_073357_initial'
  },
];

import os from 'node:os'
import pLimit from 'p-limit'

/**
 * Every sharp pipeline of the process runs through this one queue, one per core at most.
 *
 * sharp runs a pipeline on a libuv pool thread (4 by default) and, on glibc without jemalloc, with one libvips
 * thread (sharp.concurrency() is 1 there, against memory fragmentation). Starting one pipeline per core uses
 * every core; starting more would only queue them on the pool, raise peak memory with each decoded image,
 * and take the pool threads the admin's file and crypto work needs while a 24-megapixel upload is processed.
 */
const limit = pLimit(Math.max(1, Math.min(os.availableParallelism(), 4)))

export const runImageJob = <T>(job: () => Promise<T>): Promise<T> => limit(job)

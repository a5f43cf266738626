// Per-function size hints for the WebAssembly build, whose download the budget counts (150 KiB,
// docs/BENCHMARKS.md): code that runs rarely (a problem found, a registry loaded, a file's header)
// or once is built for size, while the decisions and the batch's row loop stay built for speed.
#pragma once

#if defined(__clang__)
#define EVEXPORT_RARELY __attribute__((minsize, cold, noinline))
#define EVEXPORT_SMALL __attribute__((minsize, noinline))
#define EVEXPORT_ONCE_IN_CODE __attribute__((noinline))  // a hot loop called from two places: one copy
#else
#define EVEXPORT_ONCE_IN_CODE
#define EVEXPORT_RARELY
#define EVEXPORT_SMALL
#endif

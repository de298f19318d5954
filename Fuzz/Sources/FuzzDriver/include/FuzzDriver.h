#ifndef FLOWSCOPE_FUZZ_DRIVER_H
#define FLOWSCOPE_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver (in the runtime -sanitize=fuzzer links). A Swift executable has its own
   main, so each target's main.swift calls this instead of libFuzzer's main. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

/* Runs the driver with the process arguments and `callback`; returns its status. */
int flowscope_fuzz_main(int argc, char **argv, int (*callback)(const uint8_t *Data, size_t Size));

#endif

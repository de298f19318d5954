#include "FuzzDriver.h"

int flowscope_fuzz_main(int argc, char **argv, int (*callback)(const uint8_t *Data, size_t Size)) {
    return LLVMFuzzerRunDriver(&argc, &argv, callback);
}

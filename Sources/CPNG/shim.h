#ifndef FLOWSCOPE_CPNG_SHIM_H
#define FLOWSCOPE_CPNG_SHIM_H
#include <png.h>
#endif

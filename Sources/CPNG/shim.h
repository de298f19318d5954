#ifndef FLOWSCOPE_CPNG_SHIM_H
#define FLOWSCOPE_CPNG_SHIM_H
/* libpng, for decoding PNGs (the image comparison and the tests). */
#include <png.h>
#endif

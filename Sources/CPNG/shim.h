#ifndef FLOWSCOPE_CPNG_SHIM_H
#define FLOWSCOPE_CPNG_SHIM_H
#include <png.h>
/* zlib is libpng's own dependency; Flowscope uses only its adler32 and crc32 checksums
   (the PNG writer has its own deflate, tuned for figures). */
#include <zlib.h>
#endif

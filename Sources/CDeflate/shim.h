#ifndef FLOWSCOPE_CDEFLATE_SHIM_H
#define FLOWSCOPE_CDEFLATE_SHIM_H
/* libdeflate: the zlib stream of a PNG's image data, and the CRC-32 of its chunks. */
#include <libdeflate.h>
#endif

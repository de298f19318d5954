#ifndef FLOWSCOPE_CGIF_SHIM_H
#define FLOWSCOPE_CGIF_SHIM_H
/* giflib (Debian libgif-dev): animated GIF writing and its median-cut palette (GifQuantizeBuffer). */
#include <gif_lib.h>
#endif

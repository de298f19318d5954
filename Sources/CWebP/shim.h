#ifndef FLOWSCOPE_CWEBP_SHIM_H
#define FLOWSCOPE_CWEBP_SHIM_H
/* libwebp (Debian libwebp-dev): WebPAnimEncoder for animated WebP. */
#include <webp/encode.h>
#include <webp/mux.h>
#endif

#ifndef FLOWSCOPE_CWEBP_SHIM_H
#define FLOWSCOPE_CWEBP_SHIM_H
/* libwebp (Debian libwebp-dev): WebPAnimEncoder for animated WebP, WebPAnimDecoder to read one back. */
#include <webp/encode.h>
#include <webp/mux.h>
#include <webp/demux.h>
#endif

#ifndef FLOWSCOPE_PNG_READ_RGBA8_H
#define FLOWSCOPE_PNG_READ_RGBA8_H
#include <stddef.h>
#include <stdint.h>

/* Room for libpng's error message, terminating NUL included. */
#define FLOWSCOPE_PNG_MESSAGE_SIZE 256

/* Outcome of flowscope_png_read_rgba8. */
enum flowscope_png_status {
    FLOWSCOPE_PNG_OK = 0,
    FLOWSCOPE_PNG_ERROR = 1,     /* libpng refused the data; message says why */
    FLOWSCOPE_PNG_TOO_LARGE = 2  /* width * height * 4 exceeds max_bytes; width and height are set */
};

/* Decodes PNG bytes of any bit depth and colour type to 8-bit straight RGBA, rows top first,
   without gamma or colour-space conversion: samples keep the file's own transfer function,
   16-bit ones scaled to 8 bits with rounding (v * 255 / 65535), palettes and low bit depths
   expanded, tRNS turned into alpha, missing alpha opaque, interlaced images de-interlaced.
   On success *pixels is malloc'd (free it with flowscope_png_free). libpng reports errors by
   longjmp, which must not cross Swift frames: this C function is where it lands. */
int flowscope_png_read_rgba8(const unsigned char *data, size_t size, size_t max_bytes,
                             unsigned char **pixels, uint32_t *width, uint32_t *height,
                             char *message);

/* Frees the pixels flowscope_png_read_rgba8 returned. */
void flowscope_png_free(unsigned char *pixels);

#endif

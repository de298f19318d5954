#include "png_read_rgba8.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

struct source {
    const unsigned char *data;
    size_t size;
    size_t offset;
};

static void read_bytes(png_structp png, png_bytep out, size_t count) {
    struct source *src = (struct source *)png_get_io_ptr(png);
    if (count > src->size - src->offset) png_error(png, "the file ends early");
    memcpy(out, src->data + src->offset, count);
    src->offset += count;
}

static void on_error(png_structp png, png_const_charp text) {
    char *message = (char *)png_get_error_ptr(png);
    if (message != NULL) {
        strncpy(message, text, FLOWSCOPE_PNG_MESSAGE_SIZE - 1);
        message[FLOWSCOPE_PNG_MESSAGE_SIZE - 1] = '\0';
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

int flowscope_png_read_rgba8(const unsigned char *data, size_t size, size_t max_bytes,
                             unsigned char **pixels, uint32_t *width, uint32_t *height,
                             char *message) {
    struct source src = {data, size, 0};
    unsigned char *volatile out = NULL;
    png_bytep *volatile rows = NULL;
    volatile int status = FLOWSCOPE_PNG_ERROR;
    *pixels = NULL;
    *width = 0;
    *height = 0;
    message[0] = '\0';

    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, message, on_error, on_warning);
    if (png == NULL) {
        strcpy(message, "libpng could not start (out of memory)");
        return FLOWSCOPE_PNG_ERROR;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        strcpy(message, "libpng could not start (out of memory)");
        return FLOWSCOPE_PNG_ERROR;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        free(rows);
        free(out);
        return status == FLOWSCOPE_PNG_TOO_LARGE ? FLOWSCOPE_PNG_TOO_LARGE : FLOWSCOPE_PNG_ERROR;
    }
    png_set_read_fn(png, &src, read_bytes);
    /* Ancillary chunks (text, ICC profiles) are capped too, so a hostile file cannot ask for gigabytes. */
    png_set_chunk_malloc_max(png, 64u << 20);
    png_set_user_limits(png, 1u << 24, 1u << 24);
    png_read_info(png, info);

    png_uint_32 w = png_get_image_width(png, info);
    png_uint_32 h = png_get_image_height(png, info);
    int depth = png_get_bit_depth(png, info);
    int type = png_get_color_type(png, info);
    *width = w;
    *height = h;
    if ((size_t)w * (size_t)h > max_bytes / 4) {
        status = FLOWSCOPE_PNG_TOO_LARGE;
        png_error(png, "the image is too large");
    }

    if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    int has_trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
    if (has_trns) png_set_tRNS_to_alpha(png);
    if (depth == 16) png_set_scale_16(png);
    if (type == PNG_COLOR_TYPE_GRAY || type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    if ((type & PNG_COLOR_MASK_ALPHA) == 0 && !has_trns) png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)w * 4) png_error(png, "unexpected row layout after conversion");

    out = (unsigned char *)malloc((size_t)w * (size_t)h * 4);
    rows = (png_bytep *)malloc((size_t)h * sizeof(png_bytep));
    if (out == NULL || rows == NULL) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < h; y++) rows[y] = out + (size_t)y * (size_t)w * 4;
    png_read_image(png, rows);
    png_read_end(png, NULL);

    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    *pixels = out;
    return FLOWSCOPE_PNG_OK;
}

void flowscope_png_free(unsigned char *pixels) {
    free(pixels);
}

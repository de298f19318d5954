// The project's C code under AddressSanitizer and UndefinedBehaviorSanitizer (swiftc cannot build
// Swift with -sanitize=undefined on Linux, so the C targets are checked from C): CPNGRead's libpng
// shim on every PNG given and seeded mutations of them, the zlib streams of CDeflate's libdeflate
// (the shim is a header), and every _NetworkKernels entry point at both levels on exact-size
// buffers, comparing the two levels, and packed with plain weights, bit for bit. Run by Fuzz/csan/run.sh; exits 1 on a mismatch,
// and the sanitizers abort on the first finding.
#include <libdeflate.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network_kernels.h"
#include "png_read_rgba8.h"

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double uniform(double lo, double hi) { return lo + (hi - lo) * (double)(next() >> 11) * 0x1p-53; }

// Exact-size heap copies so that AddressSanitizer sees any read or write past the end.
static double *doubles(long count, double lo, double hi) {
    double *p = malloc((size_t)(count > 0 ? count : 1) * sizeof(double));
    if (!p) { perror("malloc"); exit(2); }
    for (long i = 0; i < count; i++) p[i] = uniform(lo, hi);
    return p;
}

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(n > 0 ? (size_t)n : 1);
    if (!data || fread(data, 1, (size_t)n, f) != (size_t)n) { fclose(f); free(data); return NULL; }
    fclose(f);
    *size = (size_t)n;
    return data;
}

static long png_runs = 0, png_decoded = 0;

static void decode(const unsigned char *data, size_t size) {
    unsigned char *pixels = NULL;
    uint32_t width = 0, height = 0;
    char message[FLOWSCOPE_PNG_MESSAGE_SIZE];
    int status = flowscope_png_read_rgba8(data, size, (size_t)64 << 20, &pixels, &width, &height, message);
    png_runs++;
    if (status == FLOWSCOPE_PNG_OK) {
        png_decoded++;
        unsigned sum = 0;  // touch every byte: a short buffer is an ASan report here
        for (size_t i = 0; i < (size_t)width * height * 4; i++) sum += pixels[i];
        (void)sum;
        flowscope_png_free(pixels);
    } else if (memchr(message, 0, sizeof message) == NULL) {
        fprintf(stderr, "PNG message not terminated\n");
        exit(1);
    }
}

static void png_checks(int count, char **paths, int mutations) {
    for (int i = 0; i < count; i++) {
        size_t size = 0;
        unsigned char *data = read_file(paths[i], &size);
        if (!data) { fprintf(stderr, "cannot read %s\n", paths[i]); exit(2); }
        decode(data, size);
        for (size_t cut = 0; cut < size; cut += 1 + size / 16) decode(data, cut);
        unsigned char *copy = malloc(size ? size : 1);
        for (int m = 0; m < mutations && size > 0; m++) {
            memcpy(copy, data, size);
            int flips = 1 + (int)(next() % 8);
            for (int k = 0; k < flips; k++) copy[next() % size] ^= (unsigned char)(1u << (next() % 8));
            decode(copy, size);
        }
        free(copy);
        free(data);
    }
}

static long deflate_runs = 0;

static void deflate_checks(int rounds) {
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    for (int r = 0; r < rounds; r++) {
        size_t n = (size_t)(next() % 20000);
        unsigned char *in = malloc(n ? n : 1);
        for (size_t i = 0; i < n; i++) in[i] = (unsigned char)(next() % (r % 3 == 0 ? 4 : 256));
        size_t bound = libdeflate_zlib_compress_bound(c, n);
        unsigned char *out = malloc(bound);
        size_t written = libdeflate_zlib_compress(c, in, n, out, bound);
        unsigned char *back = malloc(n ? n : 1);
        size_t got = 0;
        if (written == 0 || libdeflate_zlib_decompress(d, out, written, back, n, &got) != LIBDEFLATE_SUCCESS
            || got != n || memcmp(in, back, n) != 0) {
            fprintf(stderr, "deflate round trip failed at %zu bytes\n", n);
            exit(1);
        }
        if (written > 2) {  // a corrupted stream must be refused or decoded within the buffer
            out[next() % written] ^= 0x55;
            (void)libdeflate_zlib_decompress(d, out, written, back, n, &got);
        }
        deflate_runs++;
        free(in); free(out); free(back);
    }
    libdeflate_free_compressor(c);
    libdeflate_free_decompressor(d);
}

static long kernel_runs = 0;

static void same(const double *a, const double *b, long n, const char *what) {
    if (memcmp(a, b, (size_t)n * sizeof(double)) != 0) {
        fprintf(stderr, "%s: the two levels differ\n", what);
        exit(1);
    }
}

static void kernel_checks(int rounds) {
    int fast = fs_kernel_level(2);
    for (int r = 0; r < rounds; r++) {
        long inputs = 4 * (1 + (long)(next() % 20)), outputs = 4 * (1 + (long)(next() % 20));
        long batch = 1 + (long)(next() % 37);
        int fuse = (int)(next() % 2);
        double *x = doubles(batch * inputs, -2, 2), *wt = doubles(inputs * outputs, -1, 1);
        double *bias = doubles(outputs, -1, 1);
        double *z1 = doubles(batch * outputs, 0, 0), *z2 = doubles(batch * outputs, 0, 0);
        fs_dense_forward(1, x, wt, bias, z1, inputs, outputs, batch, fuse);
        fs_dense_forward(fast, x, wt, bias, z2, inputs, outputs, batch, fuse);
        same(z1, z2, batch * outputs, "fs_dense_forward");
        // Packed weights: the same bits as the plain kernels, at both levels.
        double *packed_t = doubles(inputs * outputs, 0, 0), *zp = doubles(batch * outputs, 0, 0);
        fs_pack_panels(wt, inputs, outputs, outputs, packed_t);
        for (int level = 1; level <= 2; level++) {
            fs_dense_forward_packed(level == 1 ? 1 : fast, x, packed_t, bias, zp, inputs, outputs, batch, fuse);
            same(z1, zp, batch * outputs, "fs_dense_forward_packed");
        }

        double *delta = doubles(batch * outputs, -1, 1), *a = doubles(batch * inputs, -1, 1);
        double *g1 = doubles(batch * inputs, 0, 0), *g2 = doubles(batch * inputs, 0, 0);
        const double *tanh_input = (next() % 2) ? a : NULL;
        fs_dense_input_gradient(1, delta, wt, g1, inputs, outputs, batch, tanh_input);
        fs_dense_input_gradient(fast, delta, wt, g2, inputs, outputs, batch, tanh_input);
        same(g1, g2, batch * inputs, "fs_dense_input_gradient");
        // The same weights (outputs × inputs) packed must give the same input gradient.
        double *packed = doubles(outputs * inputs, 0, 0), *gp = doubles(batch * inputs, 0, 0);
        fs_pack_panels(wt, outputs, inputs, inputs, packed);
        for (int level = 1; level <= 2; level++) {
            fs_dense_input_gradient_packed(level == 1 ? 1 : fast, delta, packed, gp, inputs, outputs, batch, tanh_input);
            same(g1, gp, batch * inputs, "fs_dense_input_gradient_packed");
        }
        free(packed_t); free(zp); free(packed); free(gp);

        long segments = 1 + (long)(next() % 5);
        const double **deltas = malloc((size_t)segments * sizeof *deltas);
        const double **xs = malloc((size_t)segments * sizeof *xs);
        double **owned = malloc((size_t)(2 * segments) * sizeof *owned);
        for (long s = 0; s < segments; s++) {
            owned[2 * s] = doubles(batch * outputs, -1, 1);
            owned[2 * s + 1] = doubles(batch * inputs, -1, 1);
            deltas[s] = owned[2 * s];
            xs[s] = owned[2 * s + 1];
        }
        double *gw1 = doubles(inputs * outputs, 0, 0), *gw2 = doubles(inputs * outputs, 0, 0);
        double *gb1 = doubles(outputs, 0, 0), *gb2 = doubles(outputs, 0, 0);
        double *scratch = doubles(fs_parameter_gradient_scratch(segments, batch, inputs, outputs), 0, 0);
        fs_dense_parameter_gradient(1, segments, batch, deltas, 0, xs, 0, gw1, gb1, inputs, outputs, scratch);
        fs_dense_parameter_gradient(fast, segments, batch, deltas, 0, xs, 0, gw2, gb2, inputs, outputs, scratch);
        same(gw1, gw2, inputs * outputs, "fs_dense_parameter_gradient (weights)");
        same(gb1, gb2, outputs, "fs_dense_parameter_gradient (bias)");

        long count = (long)(next() % 41);
        double *v1 = doubles(count, -30, 30), *v2 = malloc((size_t)(count ? count : 1) * sizeof(double));
        if (count > 0) { v1[0] = NAN; if (count > 1) v1[1] = -INFINITY; }
        memcpy(v2, v1, (size_t)count * sizeof(double));
        fs_tanh_in_place(1, v1, count);
        fs_tanh_in_place(fast, v2, count);
        same(v1, v2, count, "fs_tanh_in_place");
        double probe = uniform(-25, 25), e = uniform(0, 709);
        if (fs_tanh(1, probe) != fs_tanh(fast, probe) || fabs(fs_tanh(1, probe) - tanh(probe)) > 1e-15) {
            fprintf(stderr, "fs_tanh(%.17g) is off\n", probe);
            exit(1);
        }
        double want = expm1(e), got = fs_expm1_non_negative(1, e);
        if (got != fs_expm1_non_negative(fast, e) || fabs(got - want) > 4e-16 * fabs(want)) {
            fprintf(stderr, "fs_expm1_non_negative(%.17g) is off\n", e);
            exit(1);
        }
        kernel_runs++;
        for (long s = 0; s < 2 * segments; s++) free(owned[s]);
        free(owned); free(deltas); free(xs);
        free(x); free(wt); free(bias); free(z1); free(z2); free(delta); free(a); free(g1); free(g2);
        free(gw1); free(gw2); free(gb1); free(gb2); free(scratch); free(v1); free(v2);
    }
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 200;
    png_checks(argc - 2, argv + 2, rounds);
    deflate_checks(rounds);
    kernel_checks(rounds * 10);
    printf("clean: %ld PNG decodes (%ld images), %ld deflate round trips, %ld kernel rounds at levels 1 and %d\n",
           png_runs, png_decoded, deflate_runs, kernel_runs, fs_kernel_level(2));
    return 0;
}
